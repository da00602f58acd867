namespace ProcessBatching.Contracts;

/// <summary>
/// How a simulated step worker behaves: percent chances of each failure class (one roll decides
/// between them, so their sum should stay at or below 100) and a duration range.
/// </summary>
public record StepBehavior(
    int FailPermanentPct,
    int FailTransientPct,
    int FailBusinessRulePct,
    int TimeoutPct,
    int MinDurationMs,
    int MaxDurationMs)
{
    public static StepBehavior None { get; } = new(0, 0, 0, 0, 0, 0);
}
