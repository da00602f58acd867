namespace ProcessBatching.Contracts;

public record StepBehavior(int FailPermanentPct, int FailTransientPct, int FailBusinessRulePct, int TimeoutPct, int MinDurationMs, int MaxDurationMs)
{
    public static StepBehavior None { get; } = new(0, 0, 0, 0, 0, 0);
}
