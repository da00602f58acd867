using MassTransit;
using Microsoft.Extensions.Logging;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Creates a process batch from a message, through the same code as the HTTP API. A redelivered
/// message with the same batch id (or, without one, the same message id) creates nothing twice; an
/// invalid one is logged and faults to the endpoint's <c>_error</c> queue without writing anything.
/// </summary>
public sealed class StartProcessBatchConsumer(ProcessBatchService batches, ILogger<StartProcessBatchConsumer> logger)
    : IConsumer<StartProcessBatch>
{
    public async Task Consume(ConsumeContext<StartProcessBatch> context)
    {
        try
        {
            var (batch, created) = await batches.CreateAsync(WithBatchId(context), context.CancellationToken);
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

    /// <summary>
    /// A message without a batch id takes its message id, which a redelivery or a re-publish of the
    /// same message keeps: a new id per delivery would create the batch once per delivery.
    /// </summary>
    private static StartProcessBatch WithBatchId(ConsumeContext<StartProcessBatch> context) =>
        context.Message.BatchId is not null ? context.Message
        : context.MessageId is { } messageId ? context.Message with { BatchId = messageId }
        : throw new ProcessBatchValidationException(new Dictionary<string, string[]>
        {
            ["batch_id"] = ["batch_id is required when the message carries no message id."],
        });
}
