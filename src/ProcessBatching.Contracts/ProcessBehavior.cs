using System.Text.Json.Serialization;

namespace ProcessBatching.Contracts;

/// <summary>
/// Worker behaviour per step of a StatementReport process. <paramref name="Compensation"/> drives
/// the compensation worker, so a failing compensation can be requested like any other failure.
/// </summary>
public record ProcessBehavior(
    [property: JsonPropertyName("query")] StepBehavior Query,
    [property: JsonPropertyName("aggregation")] StepBehavior Aggregation,
    [property: JsonPropertyName("render")] StepBehavior Render,
    [property: JsonPropertyName("compensation")] StepBehavior? Compensation = null)
{
    public static ProcessBehavior None { get; } = new(StepBehavior.None, StepBehavior.None, StepBehavior.None);
}
