namespace ProcessBatching.Faults;

/// <summary>One scenario's line: what it checked, how fast the batch recovered, and for a failure the evidence.</summary>
public sealed record ScenarioResult(
    string Name,
    string Fault,
    bool Passed,
    string Checked,
    string Recovery,
    IReadOnlyList<string> Evidence,
    TimeSpan Duration,
    string LogPath)
{
    public string Line => $"{Name,-22} {(Passed ? "PASS" : "FAIL")}  {Checked} | {Recovery} ({Duration.TotalSeconds:F0} s)";
}
