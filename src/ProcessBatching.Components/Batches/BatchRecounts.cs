using System.Collections.Concurrent;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// The one coalescing policy for recounting a batch on this replica. A caller says how old the
/// counts it gets may be; it gets the running or last recount when that started recently enough,
/// and otherwise joins the next one. Recounts of one batch run one at a time, starts at least
/// <see cref="Spacing"/> apart, so a thousand callers a second cost two recounts.
/// </summary>
public sealed class BatchRecounts(TimeSpan spacing, TimeProvider clock)
{
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

            var wait = spacing - clock.GetElapsedTime(gate.LatestStartedAt);
            if (previous is not null && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock);
            }

            lock (gate)
            {
                gate.Latest = next.Task;
                gate.LatestStartedAt = clock.GetTimestamp();
                gate.Next = null;
            }

            next.SetResult(await recount(batchId));
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

        public TaskCompletionSource<BatchView?>? Next { get; set; }
    }
}
