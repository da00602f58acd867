using System.Diagnostics;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// Waits for a batch to finish, bounded three ways so a run never hangs: no process started within
/// the start timeout, no process finished within the stall timeout, or the overall timeout.
/// </summary>
public sealed class BatchWatcher(BatchProbe probe, BenchmarkOptions options)
{
    public async Task<BatchOutcome> WaitAsync(Guid batchId, long total, Stopwatch sincePost)
    {
        var started = false;
        long finished = -1;
        var lastProgress = Stopwatch.StartNew();
        var lastCount = TimeSpan.FromSeconds(-10);
        while (true)
        {
            var status = await probe.BatchStatusAsync(batchId);
            if (status is "COMPLETED" or "COMPLETED_WITH_FAILURES")
            {
                return new BatchOutcome(true, status, sincePost.Elapsed, total, null);
            }

            started = started || await probe.AnyStartedAsync(batchId);
            if (!started && sincePost.Elapsed > options.StartTimeout)
            {
                return Stopped(status, 0, $"processes never started: none left PENDING within {options.StartTimeout.TotalSeconds:F0} s " +
                    "(nothing consumes StartProcess — is the StatementReport saga wired to its repository?)");
            }

            if (sincePost.Elapsed - lastCount > TimeSpan.FromSeconds(2))
            {
                lastCount = sincePost.Elapsed;
                var now = await probe.FinishedAsync(batchId);
                if (now != finished)
                {
                    finished = now;
                    lastProgress.Restart();
                }
                else if (started && lastProgress.Elapsed > options.StallTimeout)
                {
                    return Stopped(status, finished, finished == total
                        ? $"all {total:N0} processes finished but the batch stayed {status} for {options.StallTimeout.TotalSeconds:F0} s (refresh / promotion)"
                        : $"stalled: {finished:N0}/{total:N0} processes finished, none more in {options.StallTimeout.TotalSeconds:F0} s");
                }
            }

            if (sincePost.Elapsed > options.EndToEndTimeout)
            {
                return Stopped(status, finished, $"timed out after {options.EndToEndTimeout.TotalSeconds:F0} s: {finished:N0}/{total:N0} finished, batch {status}");
            }

            await Task.Delay(100);
        }

        BatchOutcome Stopped(string status, long done, string why) => new(false, status, sincePost.Elapsed, Math.Max(done, 0), why);
    }
}
