using System.Text.Json.Serialization;

namespace ProcessBatching.Components.Statuses;

/// <summary>Where a batch stands (<c>commandbus.batch.status</c>); only <c>sp_refresh_batch_stats</c> moves it.</summary>
[JsonConverter(typeof(StoryNameJsonConverter<BatchStatus>))]
public enum BatchStatus
{
    Pending,
    InProgress,
    Completed,
    CompletedWithFailures,

    /// <summary>An operator canceled it, and every process of it has stopped since (<c>CANCELED</c>).</summary>
    Canceled,
}

public static class BatchStatusExtensions
{
    public static bool IsFinal(this BatchStatus status) => status is BatchStatus.Completed or BatchStatus.CompletedWithFailures or BatchStatus.Canceled;

    public static bool IsOpen(this BatchStatus status) => !status.IsFinal();

    public static bool IsFailure(this BatchStatus status) => status is BatchStatus.CompletedWithFailures;
}
