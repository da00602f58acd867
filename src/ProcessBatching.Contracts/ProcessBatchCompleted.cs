using System.Text.Json.Serialization;

namespace ProcessBatching.Contracts;

/// <summary>Published once when every process of a batch has finished.</summary>
public record ProcessBatchCompleted(
    [property: JsonPropertyName("batch_id")] Guid BatchId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("total_count")] int TotalCount,
    [property: JsonPropertyName("completed_count")] int CompletedCount,
    [property: JsonPropertyName("failed_count")] int FailedCount,
    [property: JsonPropertyName("failed_process_ids")] IReadOnlyList<Guid> FailedProcessIds,
    [property: JsonPropertyName("completed_at")] DateTimeOffset CompletedAt);
