using Npgsql;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Batches;

/// <summary>What of a process batch a read takes beside the batch itself.</summary>
[Flags]
public enum BatchPageParts
{
    None = 0,

    /// <summary>The batch's operator actions (<see cref="BatchAudit"/>).</summary>
    OperatorActions = 1,

    /// <summary>Its pace (<see cref="BatchThroughputs"/>).</summary>
    Pace = 2,

    /// <summary>Its breakdown (<see cref="ProcessBreakdowns"/>).</summary>
    Breakdown = 4,

    /// <summary>What the batch page refreshes while the batch runs: its pace and its breakdown.</summary>
    Live = Pace | Breakdown,
}

/// <summary>A process batch as stored, and the parts of it a <see cref="BatchPageReader"/> was asked for (null when not).</summary>
public sealed record BatchPage(
    BatchView Batch,
    Paged<ProcessSummary>? Processes,
    IReadOnlyList<BatchOperatorAction>? OperatorActions,
    BatchThroughput? Pace,
    BatchBreakdown? Breakdown);

/// <summary>
/// Reads a process batch and whatever else its page, or an API answer, shows of it in one round trip
/// (one batch of statements on one connection). Under load every round trip waits its turn twice, for
/// a database backend and for the service's thread pool, so a page's time follows its round trips more
/// than the work in them (docs/performance.md, round twelve).
/// </summary>
public sealed class BatchPageReader(NpgsqlDataSource dataSource, BatchThroughputs throughputs, ProcessBreakdowns breakdowns)
{
    /// <summary>
    /// The batch as stored with <paramref name="parts"/> and, given <paramref name="processes"/>, that page
    /// of its processes; null for an unknown batch or a command batch.
    /// </summary>
    public async Task<BatchPage?> ReadAsync(Guid batchId, BatchPageParts parts, ProcessPageRequest? processes, CancellationToken cancellationToken)
    {
        var withPace = parts.HasFlag(BatchPageParts.Pace);
        var withBreakdown = parts.HasFlag(BatchPageParts.Breakdown);
        var keptBreakdown = withBreakdown ? breakdowns.Finished(batchId) : null;

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ProcessBatchQueries.GetBatchCommand(batchId));
        processes?.AddTo(batch, batchId);
        if (parts.HasFlag(BatchPageParts.OperatorActions))
        {
            batch.BatchCommands.Add(BatchAudit.ReadCommand(batchId));
        }

        if (withPace)
        {
            batch.BatchCommands.Add(BatchThroughputs.SamplesCommand(batchId));
        }

        if (withBreakdown && keptBreakdown is null)
        {
            batch.BatchCommands.Add(ProcessBreakdowns.CountCommand(batchId));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || ProcessBatchQueries.ReadBatch(reader) is not { BatchType: BatchType.Process } view)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var page = processes is null ? null : await processes.ReadAsync(reader, view.TotalCount, cancellationToken);
        var actions = parts.HasFlag(BatchPageParts.OperatorActions) ? await BatchAudit.ReadAsync(reader, cancellationToken) : null;
        var pace = withPace ? throughputs.Of(view, await BatchThroughputs.ReadSamplesAsync(reader, cancellationToken)) : null;
        var breakdown = withBreakdown
            ? keptBreakdown ?? breakdowns.Of(view, await ProcessBreakdowns.ReadCountsAsync(reader, cancellationToken))
            : null;
        return new BatchPage(view, page, actions, pace, breakdown);
    }
}
