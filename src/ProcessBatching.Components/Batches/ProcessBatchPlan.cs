using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>A validated batch, ready to be written: the request of process <c>i</c> is <c>RequestAt(i)</c>.</summary>
public sealed record ProcessBatchPlan(Guid BatchId, string Name, int Count, Func<int, StatementReportRequest> RequestAt)
{
    public Guid ProcessIdAt(int index) => ProcessIds.InBatchOrder(BatchId, index);

    /// <summary>The batch whose failed processes this one reruns (<c>parent_batch_id</c>).</summary>
    public Guid? ParentBatchId { get; init; }

    /// <summary>
    /// Instead of <see cref="RequestAt"/>: the <see cref="Count"/> requests in index order, read as they
    /// are written (a rerun streams its parent's failed processes, however many).
    /// </summary>
    public Func<CancellationToken, IAsyncEnumerable<StatementReportRequest>>? ReadRequests { get; init; }
}
