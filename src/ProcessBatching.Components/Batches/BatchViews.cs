using System.Text.Json.Serialization;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// A batch as the API and the pages show it. For process batches, failed = FAILED + CANCELED. An
/// operator may have paused its dispatch (<see cref="PausedAt"/>) or canceled it
/// (<see cref="CancelRequestedAt"/>: it ends CANCELED); a rerun names the batch it reran (<see cref="ParentBatchId"/>).
/// </summary>
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
    DateTimeOffset? CompletedAt,
    DateTimeOffset? PausedAt = null,
    DateTimeOffset? CancelRequestedAt = null,
    Guid? ParentBatchId = null)
{
    public bool IsOpen => Status.IsOpen();

    /// <summary>Open, and its PENDING processes are not handed out until an operator resumes it.</summary>
    public bool Paused => PausedAt is not null && IsOpen && CancelRequestedAt is null;

    /// <summary>Canceled by an operator and still stopping its running processes.</summary>
    public bool Canceling => CancelRequestedAt is not null && IsOpen;

    /// <summary>The batch's operator actions, oldest first; only where one batch is shown (null in lists).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BatchOperatorAction>? OperatorActions { get; init; }

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
