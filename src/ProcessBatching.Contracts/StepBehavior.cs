using System.Text.Json.Serialization;

namespace ProcessBatching.Contracts;

/// <summary>
/// How a simulated step worker behaves: percent chances of each failure class (one roll decides
/// between them, so their sum stays at or below 100) and a duration range. Snake_case on the wire,
/// as in the HTTP API, so plain-JSON publishers write the same fields.
/// </summary>
public record StepBehavior(
    [property: JsonPropertyName("fail_permanent_pct")] int FailPermanentPct,
    [property: JsonPropertyName("fail_transient_pct")] int FailTransientPct,
    [property: JsonPropertyName("fail_business_rule_pct")] int FailBusinessRulePct,
    [property: JsonPropertyName("timeout_pct")] int TimeoutPct,
    [property: JsonPropertyName("min_duration_ms")] int MinDurationMs,
    [property: JsonPropertyName("max_duration_ms")] int MaxDurationMs)
{
    public static StepBehavior None { get; } = new(0, 0, 0, 0, 0, 0);
}
