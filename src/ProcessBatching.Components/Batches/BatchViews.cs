using System.Text.Json.Serialization;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Batches;

/// <summary>A batch as the API and the pages show it. For process batches, failed = FAILED + CANCELED.</summary>
public sealed record BatchView(
    Guid BatchId,
    string? Name,
    BatchType BatchType,
    BatchStatus Status,
    int TotalCount,
    int CompletedCount,
    int FailedCount,
    int InProgressCount,
    [property: JsonPropertyName("blocked_count")] int InTroubleshootingCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt)
{
    public bool IsOpen => Status.IsOpen();

    public double PercentDone => TotalCount == 0 ? 0 : Math.Round(100.0 * (CompletedCount + FailedCount) / TotalCount, 1);
}

public sealed record ProcessSummary(
    Guid ProcessId,
    Guid? BatchId,
    string ProcessType,
    ProcessStatus Status,
    string? CurrentStep,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    public int PageCount => (int)Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}
