using System.Collections.Concurrent;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Keeps refreshes of one batch at least <see cref="MinimumInterval"/> apart on this replica, and
/// one at a time, however many progress events or reconciler turns ask for them.
/// </summary>
public sealed class BatchRefreshThrottle(TimeProvider clock)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<Guid, Gate> _gates = new();

    public async Task<T> RunAsync<T>(Guid batchId, Func<Task<T>> refresh, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(batchId, _ => new Gate());
        await gate.Turn.WaitAsync(cancellationToken);
        try
        {
            var wait = gate.Last + MinimumInterval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            return await refresh();
        }
        finally
        {
            gate.Last = clock.GetUtcNow();
            gate.Turn.Release();
        }
    }

    /// <summary>Drops the state of a finished batch; it will not be refreshed again.</summary>
    public void Forget(Guid batchId) => _gates.TryRemove(batchId, out _);

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
    }
}
