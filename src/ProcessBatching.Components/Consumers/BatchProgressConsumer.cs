using MassTransit;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Turns a stream of process status changes into one recount per batch per flush: events arrive
/// grouped by batch id (see the definition), and the <see cref="BatchOwner"/> coalesces what is
/// left, so a batch of 10,000 processes costs a few recounts a second rather than one per event.
/// </summary>
public sealed class BatchProgressConsumer(BatchOwner owner) : IConsumer<Batch<ProcessStatusChanged>>
{
    public async Task Consume(ConsumeContext<Batch<ProcessStatusChanged>> context)
    {
        var batchIds = context.Message
            .Select(change => change.Message.BatchId)
            .OfType<Guid>()
            .Distinct();
        foreach (var batchId in batchIds)
        {
            await owner.RecountAsync(batchId, context.CancellationToken);
        }
    }
}
