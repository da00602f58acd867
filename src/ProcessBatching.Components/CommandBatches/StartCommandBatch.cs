using System.Text.Json.Serialization;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.CommandBatches;

/// <summary>
/// The body of <c>POST /api/batches</c>: <see cref="Count"/> step commands sent outside any process,
/// tracked as one COMMAND batch. <see cref="Step"/> is query, aggregation or render.
/// </summary>
public sealed record StartCommandBatch(
    [property: JsonPropertyName("count")] int? Count,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("batch_id")] Guid? BatchId,
    [property: JsonPropertyName("step")] string? Step,
    [property: JsonPropertyName("behavior")] StepBehavior? Behavior);
