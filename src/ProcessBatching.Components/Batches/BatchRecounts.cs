using System.Collections.Concurrent;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// The one coalescing policy for recounting a batch on this replica. A caller says how old the
/// counts it gets may be; it gets the running or last recount when that started recently enough,
/// and otherwise joins the next one. Recounts of one batch run one at a time, starts at least
/// <see cref="Spacing"/> apart, so a thousand callers a second cost two recounts; and at least
/// <see cref="CostRatio"/> times the last recount's own time apart, so recounting a batch whose count
/// takes long (a million processes: most of a second on a busy host) never takes more than a
/// <see cref="CostRatio"/>th of the database's time. Callers then wait longer, never get older counts.
/// </summary>
public sealed class BatchRecounts(TimeSpan spacing, TimeProvider clock)
{
    /// <summary>How many times its own time apart a batch's recounts start, at the least.</summary>
    public const int CostRatio = 4;

    private readonly ConcurrentDictionary<Guid, Gate> _gates = new();

    public TimeSpan Spacing => spacing;

    /// <summary>The result of a recount that started less than <paramref name="maxAge"/> ago (zero: after this call).</summary>
    public Task<BatchView?> GetAsync(Guid batchId, TimeSpan maxAge, Func<Guid, Task<BatchView?>> recount)
    {
        var gate = _gates.GetOrAdd(batchId, _ => new Gate());
        TaskCompletionSource<BatchView?> next;
        Task? previous;
        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (gate.Latest is { IsFaulted: false, IsCanceled: false } latest && maxAge > TimeSpan.Zero
                && clock.GetElapsedTime(gate.LatestStartedAt, now) < maxAge)
            {
                return latest;
            }

            if (gate.Next is { } queued)
            {
                return queued.Task;
            }

            next = gate.Next = new TaskCompletionSource<BatchView?>(TaskCreationOptions.RunContinuationsAsynchronously);
            previous = gate.Latest;
        }

        _ = RunAsync(batchId, gate, next, previous, recount);
        return next.Task;
    }

    /// <summary>A finished or unknown batch is not recounted again; its gate goes.</summary>
    public void Forget(Guid batchId) => _gates.TryRemove(batchId, out _);

    private async Task RunAsync(Guid batchId, Gate gate, TaskCompletionSource<BatchView?> next, Task? previous, Func<Guid, Task<BatchView?>> recount)
    {
        try
        {
            if (previous is not null)
            {
                await previous.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            var apart = TimeSpan.FromTicks(Math.Max(spacing.Ticks, CostRatio * gate.LatestTook.Ticks));
            var wait = apart - clock.GetElapsedTime(gate.LatestStartedAt);
            if (previous is not null && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock);
            }

            long started;
            lock (gate)
            {
                gate.Latest = next.Task;
                gate.LatestStartedAt = started = clock.GetTimestamp();
                gate.Next = null;
            }

            var view = await recount(batchId);
            gate.LatestTook = clock.GetElapsedTime(started);
            next.SetResult(view);
        }
        catch (Exception exception)
        {
            lock (gate)
            {
                if (gate.Next == next)
                {
                    gate.Next = null;
                }
            }

            next.TrySetException(exception);
        }
    }

    private sealed class Gate
    {
        public Task<BatchView?>? Latest { get; set; }

        public long LatestStartedAt { get; set; }

        /// <summary>How long the last recount that succeeded took; the next waits <see cref="CostRatio"/> times that.</summary>
        public TimeSpan LatestTook { get; set; }

        public TaskCompletionSource<BatchView?>? Next { get; set; }
    }
}
