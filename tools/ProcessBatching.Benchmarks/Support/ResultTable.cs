using System.Text;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>The figures of one run, printed as one table at the end. It never judges pass or fail.</summary>
public sealed class ResultTable
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        Console.WriteLine($"  {figure.Id,-8} {figure.What}: {figure.Value} {figure.Note}".TrimEnd());
    }

    public void AddRange(IEnumerable<Figure> figures)
    {
        foreach (var figure in figures)
        {
            Add(figure);
        }
    }

    /// <summary>Profile lines (CPU split, broker rates, plans) printed under the table.</summary>
    public void Note(string line)
    {
        _notes.Add(line);
        Console.WriteLine($"  note: {line}");
    }

    public string Render(string command)
    {
        var rows = _figures.Select(f => new[] { f.Id, f.What, f.Value, f.Target, f.Note }).ToList();
        string[] header = ["Figure", "What", "Measured", "Target", "Note"];
        var widths = Enumerable.Range(0, header.Length)
            .Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max())
            .ToArray();
        var text = new StringBuilder();
        text.AppendLine($"ProcessBatching benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs");
        text.AppendLine($"Command: {command}");
        text.AppendLine();
        text.AppendLine(Row(header, widths));
        text.AppendLine(Row(widths.Select(w => new string('-', w)).ToArray(), widths));
        foreach (var row in rows)
        {
            text.AppendLine(Row(row, widths));
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine($"- {note}");
            }
        }

        return text.ToString();
    }

    private static string Row(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((cell, c) => cell.PadRight(widths[c]))) + " |";
}
