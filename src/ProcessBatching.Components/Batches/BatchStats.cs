namespace ProcessBatching.Components.Batches;

/// <summary>One row of <c>commandbus.sp_refresh_batch_stats</c>.</summary>
public sealed record BatchStats(
    Guid BatchId,
    string Status,
    int TotalCount,
    int CompletedCount,
    int CanceledCount,
    int InTroubleshootingCount,
    int InProgressCount,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    bool CompletedNow)
{
    public bool IsFinished => Status is "COMPLETED" or "COMPLETED_WITH_FAILURES";
}
