using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>The one way a process batch is created: the API, the form and the StartProcessBatch consumer all call it.</summary>
public sealed class ProcessBatchService(
    ProcessBatchCreator creator,
    ProcessBatchQueries queries,
    ProcessRequestValidator requests,
    IOptions<ProcessBatchOptions> options,
    TimeProvider clock,
    ILogger<ProcessBatchService> logger)
{
    /// <summary>Creates the batch, or finds the one with the same id; throws <see cref="ProcessBatchValidationException"/>.</summary>
    public async Task<(BatchView Batch, bool Created)> CreateAsync(StartProcessBatch request, CancellationToken cancellationToken)
    {
        var plan = new ProcessBatchValidator(options.Value.MaxCount, requests, clock).Validate(request);
        var created = await creator.CreateAsync(plan, cancellationToken);
        if (created) logger.LogInformation("Batch {BatchId} created with {Count} processes: {Name}", plan.BatchId, plan.Count, plan.Name);
        var batch = await queries.GetBatchAsync(plan.BatchId, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {plan.BatchId} vanished after it was written.");
        if (batch.BatchType != BatchType.Process)
        {
            throw new ProcessBatchValidationException(new Dictionary<string, string[]>
            {
                ["batch_id"] = [$"batch {plan.BatchId} exists and is not a process batch."],
            });
        }

        return (batch, created);
    }

    public async Task<IReadOnlyList<ProcessSummary>> FirstProcessesAsync(BatchView batch, int limit, CancellationToken cancellationToken) =>
        (await queries.ListProcessesAsync(batch.BatchId, batch.TotalCount, null, 1, limit, cancellationToken)).Items;
}
