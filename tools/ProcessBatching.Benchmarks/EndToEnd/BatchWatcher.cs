using System.Diagnostics;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// Waits for a batch to finish, bounded three ways so a run never hangs: no process started within
/// the start timeout, no process changed status or received a step's reply within the stall timeout,
/// or the overall timeout.
/// </summary>
public sealed class BatchWatcher(BatchProbe probe, BenchmarkOptions options)
{
    public async Task<BatchOutcome> WaitAsync(Guid batchId, long total, Stopwatch sincePost)
    {
        var started = false;
        var statuses = new SortedDictionary<string, long>();
        var lastProgress = Stopwatch.StartNew();
        var lastCount = TimeSpan.FromSeconds(-10);
        var replies = 0L;
        while (true)
        {
            var status = await probe.BatchStatusAsync(batchId);
            if (status is "COMPLETED" or "COMPLETED_WITH_FAILURES")
            {
                var elapsed = sincePost.Elapsed;
                var final = await probe.StatusesAsync(batchId);
                return new BatchOutcome(true, status, elapsed, Finished(final), null, final.GetValueOrDefault("COMPLETED"));
            }

            started = started || await probe.AnyStartedAsync(batchId);
            if (!started && sincePost.Elapsed > options.StartTimeout)
            {
                return Stopped(status, statuses, $"processes never started: none left PENDING within {options.StartTimeout.TotalSeconds:F0} s " +
                    "(nothing consumes StartProcess — is the StatementReport saga wired to its repository?)");
            }

            if (started && sincePost.Elapsed - lastCount > TimeSpan.FromSeconds(2))
            {
                lastCount = sincePost.Elapsed;
                var now = await probe.StatusesAsync(batchId);
                var repliesNow = await probe.RepliesAsync(batchId);
                if (!now.SequenceEqual(statuses) || repliesNow != replies)
                {
                    (statuses, replies) = (now, repliesNow);
                    lastProgress.Restart();
                }
                else if (lastProgress.Elapsed > options.StallTimeout)
                {
                    return Stopped(status, statuses, Finished(statuses) == total
                        ? $"all {total:N0} processes finished but the batch stayed {status} for {options.StallTimeout.TotalSeconds:F0} s (refresh / promotion)"
                        : $"stalled: no process changed status or got a step's reply in {options.StallTimeout.TotalSeconds:F0} s; {Describe(statuses)}");
                }
            }

            if (sincePost.Elapsed > options.EndToEndTimeout)
            {
                return Stopped(status, statuses, $"timed out after {options.EndToEndTimeout.TotalSeconds:F0} s: batch {status}; {Describe(statuses)}");
            }

            await Task.Delay(100);
        }

        BatchOutcome Stopped(string status, SortedDictionary<string, long> last, string why) =>
            new(false, status, sincePost.Elapsed, Finished(last), why, last.GetValueOrDefault("COMPLETED"));
    }

    private static long Finished(SortedDictionary<string, long> statuses) =>
        statuses.Where(pair => BatchProbe.Finished.Contains(pair.Key)).Sum(pair => pair.Value);

    private static string Describe(SortedDictionary<string, long> statuses) =>
        statuses.Count == 0 ? "no status counted yet" : string.Join(", ", statuses.Select(pair => $"{pair.Key} {pair.Value:N0}"));
}
