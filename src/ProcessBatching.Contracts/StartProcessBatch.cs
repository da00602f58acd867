using System.Text.Json.Serialization;

namespace ProcessBatching.Contracts;

/// <summary>
/// Starts a batch of StatementReport processes: either <see cref="Count"/> processes made from the
/// template fields, or one process per entry of <see cref="Requests"/>. Property names are the
/// HTTP API's snake_case, so a publisher without MassTransit can send the same JSON.
/// </summary>
public record StartProcessBatch(
    [property: JsonPropertyName("batch_id")] Guid? BatchId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("count")] int? Count,
    [property: JsonPropertyName("from_date")] DateOnly? FromDate,
    [property: JsonPropertyName("to_date")] DateOnly? ToDate,
    [property: JsonPropertyName("output_type")] string? OutputType,
    [property: JsonPropertyName("behavior")] ProcessBehavior? Behavior,
    [property: JsonPropertyName("requests")] IReadOnlyList<StatementReportRequest>? Requests = null);
