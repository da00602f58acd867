using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Refreshes every open batch now and then, and publishes completions not yet published,
/// so a lost progress event (or a crash after a refresh) can never leave a batch open or unannounced.
/// </summary>
public sealed class BatchReconciler(
    NpgsqlDataSource dataSource,
    BatchProgress progress,
    BatchCompletionNotifier notifier,
    IOptions<ProcessBatchOptions> options,
    ILogger<BatchReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reconciling open batches failed; trying again at the next turn");
            }
        }
    }

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var batchId in await BatchIdsAsync(
            "SELECT batch_id FROM commandbus.batch WHERE status IN ('PENDING', 'IN_PROGRESS')",
            cancellationToken))
        {
            await progress.RefreshAsync(batchId, cancellationToken);
        }

        foreach (var batchId in await BatchIdsAsync(
            "SELECT batch_id FROM commandbus.batch WHERE completed_at IS NOT NULL AND completion_published_at IS NULL AND batch_type = 'PROCESS'",
            cancellationToken))
        {
            await notifier.NotifyAsync(batchId, cancellationToken);
        }
    }

    private async Task<List<Guid>> BatchIdsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
