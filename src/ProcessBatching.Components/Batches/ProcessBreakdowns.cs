using System.Collections.Concurrent;
using Npgsql;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using CountedRow = (ProcessBatching.Components.Statuses.ProcessStatus Status, string? Step, string? ErrorCode, int Count);

namespace ProcessBatching.Components.Batches;

/// <summary>Where a batch's processes are: by current step and status, and by error code.</summary>
public sealed record BatchBreakdown(
    Guid BatchId,
    int TotalCount,
    IReadOnlyList<StepStatusCount> ByStep,
    IReadOnlyList<ErrorCodeCount> ByErrorCode);

/// <summary>
/// How many processes of a batch are in <paramref name="Status"/> at <paramref name="Step"/>; the step
/// is null for a process at no step: not started (PENDING, IN_PROGRESS before its first command) or
/// through every step (COMPLETED).
/// </summary>
public sealed record StepStatusCount(string? Step, ProcessStatus Status, int Count);

/// <summary>How many processes of a batch carry <paramref name="ErrorCode"/>, and at which step.</summary>
public sealed record ErrorCodeCount(string ErrorCode, string? Step, int Count);

/// <summary>
/// Counts a batch's processes by status, current step and error code, without reading the whole
/// batch: a million-process batch is mostly PENDING (early) or COMPLETED (late), and those two come
/// from the batch's own counts (kept by <see cref="BatchOwner"/>), where they have no step and no error
/// code. The rest is counted from the process rows as asked: the statuses where a batch hurts from the
/// small partial index <c>ix_process_batch_trouble</c> (V012; docs/performance.md has its plan on a
/// million-process batch), the running ones from <c>ix_process_batch_status</c> and their rows (their
/// step changes as they run, so no index holds it; the dispatcher keeps at most
/// <c>ProcessBatches__MaxInFlightPerBatch</c> of a batch running). A finished batch no longer changes:
/// its breakdown is kept.
/// </summary>
public sealed class ProcessBreakdowns(NpgsqlDataSource dataSource, BatchOwner owner)
{
    /// <summary>
    /// The statuses of <c>ix_process_batch_trouble</c>'s predicate and of <c>trouble_step</c> (V012, their
    /// current step in this one column); the query repeats them literally so the planner can use the index.
    /// </summary>
    public static readonly IReadOnlyList<ProcessStatus> CountedFromIndex =
        [ProcessStatus.InTroubleshootingQueue, ProcessStatus.Compensating, ProcessStatus.Compensated, ProcessStatus.Failed, ProcessStatus.Canceled];

    /// <summary>Handed to the saga and not finished: bounded by the batch's in-flight limit.</summary>
    public static readonly IReadOnlyList<ProcessStatus> Running = [ProcessStatus.InProgress, ProcessStatus.WaitingForReply];

    private const int FinishedKept = 1024;

    private static readonly string CountSql =
        $"""
        SELECT status, trouble_step, error_code, count(*)::int FROM commandbus.process
        WHERE batch_id = $1 AND status IN ({Literals(CountedFromIndex)})
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT status, current_step, error_code, count(*)::int FROM commandbus.process
        WHERE batch_id = $1 AND status IN ({Literals(Running)})
        GROUP BY 1, 2, 3
        """;

    private readonly ConcurrentDictionary<Guid, BatchBreakdown> _finished = new();

    /// <summary>
    /// The breakdown of a process batch with PENDING and COMPLETED from counts at most
    /// <see cref="BatchOwner.ReaderFreshness"/> old (a recount when the last one is older: on a
    /// million-process batch that costs more than the rest); null for an unknown batch or a command
    /// batch. As stored, the batch and its breakdown are one round trip of <see cref="BatchPageReader"/>.
    /// </summary>
    public async Task<BatchBreakdown?> FreshAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (_finished.TryGetValue(batchId, out var kept))
        {
            return kept;
        }

        return await owner.GetAsync(batchId, BatchOwner.ReaderFreshness, cancellationToken) is { BatchType: BatchType.Process } batch
            ? await OfAsync(batch, cancellationToken)
            : null;
    }

    /// <summary>The breakdown of a process batch already read.</summary>
    private async Task<BatchBreakdown> OfAsync(BatchView batch, CancellationToken cancellationToken)
    {
        if (Finished(batch.BatchId) is { } kept)
        {
            return kept;
        }

        await using var command = dataSource.CreateBatch();
        command.BatchCommands.Add(CountCommand(batch.BatchId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return Of(batch, await ReadCountsAsync(reader, cancellationToken));
    }

    /// <summary>The breakdown of a finished batch, kept since it was first read; null if none is kept.</summary>
    internal BatchBreakdown? Finished(Guid batchId) => _finished.GetValueOrDefault(batchId);

    /// <summary>The breakdown of <paramref name="batch"/> from the rows <see cref="CountCommand"/> counted, kept once it is finished.</summary>
    internal BatchBreakdown Of(BatchView batch, IReadOnlyCollection<CountedRow> rows)
    {
        var breakdown = Combine(batch, rows);
        if (!batch.IsOpen)
        {
            if (_finished.Count >= FinishedKept)
            {
                _finished.Clear();
            }

            _finished[batch.BatchId] = breakdown;
        }

        return breakdown;
    }

    internal static NpgsqlBatchCommand CountCommand(Guid batchId) => new(CountSql) { Parameters = { new() { Value = batchId } } };

    /// <summary>The rows <see cref="CountCommand"/> counted; leaves the reader at the next result.</summary>
    internal static async Task<IReadOnlyCollection<CountedRow>> ReadCountsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<CountedRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((StoryName<ProcessStatus>.Parse(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// The counted rows plus PENDING and COMPLETED from the batch's counts: COMPLETED is the batch's
    /// completed count less the COMPENSATED processes (the batch counts both as completed), PENDING
    /// whatever of the total is left. While processes move, the two may lag the rows by up to a recount.
    /// </summary>
    public static BatchBreakdown Combine(BatchView batch, IReadOnlyCollection<CountedRow> rows)
    {
        var compensated = rows.Where(row => row.Status == ProcessStatus.Compensated).Sum(row => row.Count);
        var completed = Math.Max(0, batch.CompletedCount - compensated);
        var pending = Math.Max(0, batch.TotalCount - completed - rows.Sum(row => row.Count));

        var byStep = rows
            .GroupBy(row => (row.Step, row.Status))
            .Select(group => new StepStatusCount(group.Key.Step, group.Key.Status, group.Sum(row => row.Count)))
            .Append(new StepStatusCount(null, ProcessStatus.Pending, pending))
            .Append(new StepStatusCount(null, ProcessStatus.Completed, completed))
            .Where(count => count.Count > 0)
            .OrderBy(count => StepOrder(count.Step)).ThenBy(count => count.Step, StringComparer.Ordinal).ThenBy(count => count.Status)
            .ToList();
        var byErrorCode = rows
            .Where(row => row.ErrorCode is not null)
            .GroupBy(row => (row.ErrorCode, row.Step))
            .Select(group => new ErrorCodeCount(group.Key.ErrorCode!, group.Key.Step, group.Sum(row => row.Count)))
            .OrderByDescending(count => count.Count).ThenBy(count => count.ErrorCode, StringComparer.Ordinal).ThenBy(count => StepOrder(count.Step))
            .ToList();
        return new BatchBreakdown(batch.BatchId, batch.TotalCount, byStep, byErrorCode);
    }

    /// <summary>No step first, then the StatementReport steps in the order they run, then any other step (by name).</summary>
    public static int StepOrder(string? step)
    {
        if (step is null)
        {
            return -1;
        }

        var index = 0;
        for (var known = StatementReportSteps.First; known is not null; known = StatementReportSteps.After(known), index++)
        {
            if (known == step)
            {
                return index;
            }
        }

        return int.MaxValue;
    }

    private static string Literals(IEnumerable<ProcessStatus> statuses) =>
        string.Join(", ", statuses.Select(status => $"'{StoryName<ProcessStatus>.Of(status)}'"));
}
