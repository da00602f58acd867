using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>A validated batch, ready to be written: the request of process <c>i</c> is <c>RequestAt(i)</c>.</summary>
public sealed record ProcessBatchPlan(Guid BatchId, string Name, int Count, Func<int, StatementReportRequest> RequestAt)
{
    public Guid ProcessIdAt(int index) => ProcessIds.For(BatchId, index);
}
