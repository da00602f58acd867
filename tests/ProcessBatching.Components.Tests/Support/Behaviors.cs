using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>Step behaviours that always take one path.</summary>
public static class Behaviors
{
    public static readonly StepBehavior Permanent = StepBehavior.None with { FailPermanentPct = 100 };
    public static readonly StepBehavior Transient = StepBehavior.None with { FailTransientPct = 100 };
    public static readonly StepBehavior Timeout = StepBehavior.None with { TimeoutPct = 100 };
    public static readonly StepBehavior BusinessRule = StepBehavior.None with { FailBusinessRulePct = 100 };

    public static ProcessBehavior Query(StepBehavior query) => ProcessBehavior.None with { Query = query };
    public static ProcessBehavior Aggregation(StepBehavior aggregation) => ProcessBehavior.None with { Aggregation = aggregation };
    public static ProcessBehavior Render(StepBehavior render) => ProcessBehavior.None with { Render = render };
}
