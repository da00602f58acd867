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
    ProcessDispatchSignal dispatchSignal)
{
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
