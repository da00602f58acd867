namespace ProcessBatching.Faults.Observation;

/// <summary>The invariants' outcome: a short note per check that held, the evidence for each that did not.</summary>
public sealed class InvariantReport
{
    private readonly List<string> _held = [];
    private readonly List<string> _broken = [];

    public bool Passed => _broken.Count == 0;
    public IReadOnlyList<string> Broken => _broken;
    public string Summary => string.Join(", ", _held);

    public void Check(bool holds, string note, string evidence)
    {
        if (holds)
        {
            _held.Add(note);
        }
        else
        {
            _broken.Add(evidence);
        }
    }
}
