using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Brings one batch up to date: refreshes its counts (throttled per batch) and, once it has
/// finished, publishes its completion. Used by the progress consumer and the reconciler.
/// </summary>
public sealed class BatchProgress(
    NpgsqlDataSource dataSource,
    BatchStatsRefresher refresher,
    BatchRefreshThrottle throttle,
    BatchCompletionNotifier notifier,
    ProcessDispatchSignal dispatchSignal,
    ILogger<BatchProgress> logger)
{
    private readonly ConcurrentDictionary<Guid, byte> _scheduled = new();

    /// <summary>
    /// Refreshes the batch shortly, without waiting for it: calls for a batch whose refresh is
    /// already scheduled add nothing. The reconciler catches what a stopping replica drops.
    /// </summary>
    public void RefreshSoon(Guid batchId)
    {
        if (!_scheduled.TryAdd(batchId, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                // Taken off the schedule before the refresh, so a reply arriving during it schedules another.
                await Task.Delay(BatchRefreshThrottle.MinimumInterval);
                _scheduled.TryRemove(batchId, out _);
                await RefreshAsync(batchId, CancellationToken.None);
            }
            catch (Exception exception)
            {
                _scheduled.TryRemove(batchId, out _);
                logger.LogWarning(exception, "Refreshing batch {BatchId} failed; the reconciler will", batchId);
            }
        });
    }

    public async Task<BatchStats?> RefreshAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var stats = await throttle.RunAsync(batchId, async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await refresher.RefreshAsync(connection, batchId, cancellationToken);
        }, cancellationToken);

        // Finished processes make room for the dispatcher to start more of the batch.
        dispatchSignal.Notify();
        if (stats is { IsFinished: true })
        {
            await notifier.NotifyAsync(batchId, cancellationToken);
            throttle.Forget(batchId);
        }

        return stats;
    }
}
