namespace ProcessBatching.Faults.Service;

/// <summary>
/// artifacts/faults/&lt;scenario&gt;.log: every replica's stdout and stderr, prefixed with the replica,
/// between the suite's own lines saying which fault happened when, so a failure can be read in order.
/// </summary>
public sealed class ScenarioLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    public ScenarioLog(string scenario)
    {
        Path = System.IO.Path.Combine(Servers.RepositoryRoot.Artifacts, $"{scenario}.log");
        _writer = new StreamWriter(Path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    public void Suite(string line) => Write("suite", $"=== {line}");

    public void Write(string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_writer)
        {
            _writer.WriteLine($"{(DateTimeOffset.UtcNow - _start).TotalSeconds,7:F1}s [{source}] {line}");
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }
}
