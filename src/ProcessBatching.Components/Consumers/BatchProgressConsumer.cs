using MassTransit;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Turns a stream of process status changes into one stats refresh per batch per flush: events
/// arrive grouped by batch id (see the definition), so a batch of 10,000 processes costs a few
/// refreshes a second rather than one per event.
/// </summary>
public sealed class BatchProgressConsumer(BatchProgress progress) : IConsumer<Batch<ProcessStatusChanged>>
{
    public async Task Consume(ConsumeContext<Batch<ProcessStatusChanged>> context)
    {
        var batchIds = context.Message
            .Select(change => change.Message.BatchId)
            .OfType<Guid>()
            .Distinct();
        foreach (var batchId in batchIds)
        {
            await progress.RefreshAsync(batchId, context.CancellationToken);
        }
    }
}
