using System.Collections.Concurrent;
using Npgsql;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Refreshes a batch's stats for a page that polls it, at most once per <see cref="MinimumInterval"/>
/// per batch on this replica, so many open browser tabs cost one recount a second, not one each.
/// </summary>
public sealed class PolledBatchRefresh(NpgsqlDataSource dataSource, BatchStatsRefresher refresher, TimeProvider clock)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    private const int RememberedBatches = 10_000;

    private readonly ConcurrentDictionary<Guid, long> _lastRefresh = new();

    /// <summary>True when this call refreshed the stats; false when a refresh within the interval already did.</summary>
    public async Task<bool> RefreshAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!TryClaim(batchId, clock.GetTimestamp()))
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await refresher.RefreshAsync(connection, batchId, cancellationToken);
        return true;
    }

    private bool TryClaim(Guid batchId, long now)
    {
        if (_lastRefresh.Count > RememberedBatches)
        {
            Forget(now);
        }

        while (true)
        {
            if (!_lastRefresh.TryGetValue(batchId, out var last))
            {
                if (_lastRefresh.TryAdd(batchId, now))
                {
                    return true;
                }
            }
            else if (clock.GetElapsedTime(last, now) < MinimumInterval)
            {
                return false;
            }
            else if (_lastRefresh.TryUpdate(batchId, now, last))
            {
                return true;
            }
        }
    }

    private void Forget(long now)
    {
        foreach (var (batchId, last) in _lastRefresh)
        {
            if (clock.GetElapsedTime(last, now) >= MinimumInterval)
            {
                _lastRefresh.TryRemove(new KeyValuePair<Guid, long>(batchId, last));
            }
        }
    }
}
