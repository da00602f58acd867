using MassTransit;
using Microsoft.Extensions.Logging;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Creates a process batch from a message, through the same code as the HTTP API. A redelivered
/// message with the same batch id creates nothing twice; an invalid one is logged and faults to
/// the endpoint's <c>_error</c> queue without writing anything.
/// </summary>
public sealed class StartProcessBatchConsumer(ProcessBatchService batches, ILogger<StartProcessBatchConsumer> logger)
    : IConsumer<StartProcessBatch>
{
    public async Task Consume(ConsumeContext<StartProcessBatch> context)
    {
        try
        {
            var (batch, created) = await batches.CreateAsync(context.Message, context.CancellationToken);
            logger.LogInformation(
                created ? "Created process batch {BatchId} with {Count} processes" : "Process batch {BatchId} ({Count} processes) exists already",
                batch.BatchId, batch.TotalCount);
        }
        catch (ProcessBatchValidationException exception)
        {
            logger.LogError("Rejected StartProcessBatch {MessageId}: {Errors}", context.MessageId, exception.Errors);
            throw;
        }
    }
}
