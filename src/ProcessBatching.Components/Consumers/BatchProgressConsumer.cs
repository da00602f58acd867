using MassTransit;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Turns a stream of process status changes into one recount per batch per flush: events arrive
/// grouped by batch id (see the definition), and the <see cref="BatchOwner"/> coalesces what is
/// left, so a batch of 10,000 processes costs a few recounts a second rather than one per event.
/// It asks for the recount and takes the next events without waiting for it: a batch's recounts start
/// at least four times their own time apart, and a consumer that waited took a flush per recount, fewer
/// events a second than a batch of hundreds of thousands of processes sends, so its queue grew with the
/// batch (docs/performance.md). An event carries nothing the recount does not read from the database,
/// so acknowledging it first loses nothing: a recount that fails is logged, and the reconciler recounts
/// every open batch within <see cref="ProcessBatchOptions.ReconcileInterval"/>.
/// </summary>
public sealed class BatchProgressConsumer(BatchOwner owner) : IConsumer<Batch<ProcessStatusChanged>>
{
    public Task Consume(ConsumeContext<Batch<ProcessStatusChanged>> context)
    {
        foreach (var batchId in context.Message.Select(change => change.Message.BatchId).OfType<Guid>().Distinct())
        {
            owner.RecountSoon(batchId);
        }

        return Task.CompletedTask;
    }
}
