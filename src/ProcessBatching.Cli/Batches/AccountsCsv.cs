using System.Globalization;
using ProcessBatching.Contracts;

namespace ProcessBatching.Cli.Batches;

/// <summary>
/// A CSV file of accounts, one process per row. The first line names the columns: <c>account</c>
/// (required; several accounts of one statement separated by <c>;</c>), and optionally
/// <c>from_date</c>, <c>to_date</c> (yyyy-MM-dd) and <c>output_type</c>; an empty cell takes the
/// command's value. Fields may be quoted ("..."), blank lines and lines starting with <c>#</c> are
/// skipped. Any error names its line, and then nothing is sent.
/// </summary>
public static class AccountsCsv
{
    public sealed record Row(int Line, StatementReportRequest Request);

    private static readonly string[] Columns = ["account", "from_date", "to_date", "output_type"];

    public static IReadOnlyList<Row> Read(string path, StatementReportRequest defaults)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException exception)
        {
            throw new PbException($"cannot read the CSV file: {exception.Message}");
        }

        return Parse(Path.GetFileName(path), lines, defaults);
    }

    public static IReadOnlyList<Row> Parse(string file, IReadOnlyList<string> lines, StatementReportRequest defaults)
    {
        string[]? header = null;
        var rows = new List<Row>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            PbException Error(string message) => new($"{file} line {line}: {message}");
            var fields = Split(lines[i]) ?? throw Error("a quoted field is not closed.");
            if (header is null)
            {
                header = [.. fields.Select(field => field.Trim().ToLowerInvariant())];
                if (header.FirstOrDefault(name => !Columns.Contains(name)) is { } unknown)
                {
                    throw Error($"unknown column \"{unknown}\"; the header names {string.Join(", ", Columns)} (account required).");
                }

                if (header.GroupBy(name => name).FirstOrDefault(names => names.Count() > 1) is { } twice)
                {
                    throw Error($"the column \"{twice.Key}\" is named twice.");
                }

                if (!header.Contains("account"))
                {
                    throw Error($"the header has no \"account\" column (it names {string.Join(", ", header)}).");
                }

                continue;
            }

            if (fields.Length != header.Length)
            {
                throw Error($"{fields.Length} fields where the header names {header.Length} ({string.Join(",", header)}).");
            }

            string Cell(string column) => Array.IndexOf(header, column) is >= 0 and var at ? fields[at].Trim() : "";
            DateOnly Date(string column, DateOnly fallback) =>
                Cell(column) is { Length: > 0 } text
                    ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        ? date
                        : throw Error($"{column} \"{text}\" is not a date (yyyy-MM-dd).")
                    : fallback;

            var accounts = Cell("account").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (accounts.Length == 0)
            {
                throw Error("the account is empty.");
            }

            rows.Add(new Row(line, defaults with
            {
                AccountList = accounts,
                FromDate = Date("from_date", defaults.FromDate),
                ToDate = Date("to_date", defaults.ToDate),
                OutputType = Cell("output_type") is { Length: > 0 } type ? type : defaults.OutputType,
            }));
        }

        return header is null ? throw new PbException($"{file} is empty: it needs a header line (account,...) and one row per process.")
            : rows.Count == 0 ? throw new PbException($"{file} has a header but no rows.")
            : rows;
    }

    /// <summary>The fields of one line, with RFC 4180 quotes (<c>""</c> inside quotes is one <c>"</c>); null when a quote is left open.</summary>
    private static string[]? Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return quoted ? null : [.. fields];
    }
}
