namespace ProcessBatching.Faults;

/// <summary>artifacts/faults/last-run.md: the run's lines as a table, ready for docs/reliability.md.</summary>
public static class ResultTable
{
    public static string Markdown(string header, IReadOnlyList<ScenarioResult> results)
    {
        var lines = new List<string>
        {
            header,
            "",
            "| scenario | fault | result | checked | recovery | evidence |",
            "| --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(results.Select(result =>
            $"| {result.Name} | {result.Fault} | {(result.Passed ? "PASS" : "**FAIL**")} | {result.Checked} | {result.Recovery} | " +
            $"{string.Join("<br>", result.Evidence).Replace("|", "\\|")} |"));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
