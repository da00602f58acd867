using ProcessBatching.Contracts;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>How the worker of one step behaves for every process of the batch (chances in percent, durations in ms).</summary>
public sealed class StepForm
{
    public static readonly IReadOnlyList<(string Property, string Key, string Label)> Fields =
    [
        (nameof(FailPermanentPct), "fail_permanent_pct", "Permanent failure %"),
        (nameof(FailTransientPct), "fail_transient_pct", "Transient failure %"),
        (nameof(FailBusinessRulePct), "fail_business_rule_pct", "Business-rule failure %"),
        (nameof(TimeoutPct), "timeout_pct", "Timeout %"),
        (nameof(MinDurationMs), "min_duration_ms", "Min duration (ms)"),
        (nameof(MaxDurationMs), "max_duration_ms", "Max duration (ms)"),
    ];

    public int FailPermanentPct { get; set; }

    public int FailTransientPct { get; set; }

    public int FailBusinessRulePct { get; set; }

    public int TimeoutPct { get; set; }

    public int MinDurationMs { get; set; }

    public int MaxDurationMs { get; set; }

    public int Get(string property) => property switch
    {
        nameof(FailPermanentPct) => FailPermanentPct,
        nameof(FailTransientPct) => FailTransientPct,
        nameof(FailBusinessRulePct) => FailBusinessRulePct,
        nameof(TimeoutPct) => TimeoutPct,
        nameof(MinDurationMs) => MinDurationMs,
        _ => MaxDurationMs,
    };

    public StepBehavior ToBehavior() =>
        new(FailPermanentPct, FailTransientPct, FailBusinessRulePct, TimeoutPct, MinDurationMs, MaxDurationMs);
}
