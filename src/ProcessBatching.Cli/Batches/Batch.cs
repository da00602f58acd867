using System.Globalization;
using System.Text.Json;
using ProcessBatching.Cli.Service;

namespace ProcessBatching.Cli.Batches;

/// <summary>
/// A process batch as <c>GET /api/process-batches/{id}</c> answers it; failed = FAILED + CANCELED processes.
/// A paused batch keeps its status (<c>IN_PROGRESS</c>) and says <c>paused</c> beside it.
/// </summary>
public sealed record Batch(
    Guid BatchId,
    string? Name,
    string Status,
    int TotalCount,
    int CompletedCount,
    int FailedCount,
    int BlockedCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    bool Paused = false)
{
    public const string Completed = "COMPLETED";

    /// <summary>Final statuses: every process ended, and the batch with them.</summary>
    private static readonly string[] Final = [Completed, "COMPLETED_WITH_FAILURES", "CANCELED", "CANCELLED"];

    /// <summary>Statuses of a batch whose processes may still move.</summary>
    private static readonly string[] Open = ["PENDING", "IN_PROGRESS"];

    public static Batch From(JsonElement answer) =>
        answer.Deserialize<Batch>(Json.Options) ?? throw new PbException("the service answered no batch.");

    /// <summary>The status as shown: <c>IN_PROGRESS (paused)</c> while an operator holds its dispatch.</summary>
    public string Shown => Paused ? $"{Status} (paused)" : Status;

    /// <summary>Processes in a final status.</summary>
    public int Done => CompletedCount + FailedCount;

    /// <summary>Ended: a final status, or one this pb does not know yet that the service marked completed.</summary>
    public bool HasEnded => Final.Contains(Status) || (!Open.Contains(Status) && CompletedAt is not null);

    /// <summary>0 for a batch whose every process succeeded; 3 for one that ended otherwise (failures, cancelled).</summary>
    public int ExitCode => Status == Completed ? ExitCodes.Success : ExitCodes.BatchFailed;

    /// <summary>How the batch ended, in one line a script can read.</summary>
    public string FinalLine(TimeSpan watched)
    {
        var took = CompletedAt is { } end && end >= CreatedAt ? end - CreatedAt : watched;
        var rate = took.TotalSeconds > 0 ? Done / took.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"Batch {BatchId} {Status}: {CompletedCount} completed, {FailedCount} failed, {BlockedCount} blocked in {took.TotalSeconds:0.0} s ({rate:0.0} processes/s)");
    }
}
