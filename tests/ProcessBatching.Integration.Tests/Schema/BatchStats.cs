namespace ProcessBatching.Integration.Tests.Schema;

/// <summary>One row of <c>commandbus.sp_refresh_batch_stats</c>.</summary>
public sealed record BatchStats(
    string Status,
    int TotalCount,
    int CompletedCount,
    int CanceledCount,
    int InTroubleshootingCount,
    int InProgressCount,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    bool CompletedNow);
