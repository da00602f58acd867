using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Components.Batches;

/// <summary>Asks the <see cref="BatchOwner"/> to reconcile every <see cref="ProcessBatchOptions.ReconcileInterval"/>.</summary>
public sealed class BatchReconciler(BatchOwner owner, IOptions<ProcessBatchOptions> options, ILogger<BatchReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await owner.ReconcileAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reconciling open batches failed; trying again at the next turn");
            }
        }
    }
}
