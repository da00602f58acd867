using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Simulated step work, driven by the step's <see cref="StepBehavior"/>: waits a random duration,
/// then one roll in [0, 100) picks the outcome in bands of permanent, transient, timeout and
/// business-rule failure, so 0 and 100 percent are deterministic.
/// </summary>
public sealed class StepSimulator(IStepOutcomeRandom random)
{
    public async Task<StepOutcome> Run(string step, StepBehavior behavior, CancellationToken cancellationToken)
    {
        var duration = behavior.MaxDurationMs > behavior.MinDurationMs
            ? random.Next(behavior.MinDurationMs, behavior.MaxDurationMs + 1)
            : behavior.MinDurationMs;
        if (duration > 0)
            await Task.Delay(duration, cancellationToken);

        var roll = random.Next(0, 100);
        var band = behavior.FailPermanentPct;
        if (roll < band)
            throw new PermanentStepException($"{step} failed permanently (simulated)");
        if (roll < (band += behavior.FailTransientPct))
            throw new TransientStepException($"{step} failed transiently (simulated)");
        if (roll < (band += behavior.TimeoutPct))
            throw new TimeoutException($"{step} timed out (simulated)");
        if (roll < band + behavior.FailBusinessRulePct)
            return StepOutcome.BusinessRuleFailure;

        return StepOutcome.Completed;
    }
}
