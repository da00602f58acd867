using System.Diagnostics;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P5 on one batch (100,000 processes in the full run) against the service as a separate OS process with
/// every role: the service's peak resident memory (VmHWM) from start-up until the batch finished, and how
/// long until the first process left PENDING.
/// </summary>
public sealed class LargeBatchBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table)
{
    private readonly Guid _batchId = Guid.NewGuid();

    private const double MemoryTargetMb = 300;

    public async Task RunAsync()
    {
        if (!await MeasureAsync())
        {
            var purged = await new BrokerQueues(servers).PurgeAsync();
            await UnfinishedBatches.RemoveAsync(servers, [_batchId]);
            table.Note($"P5 batch did not finish: {purged:N0} messages purged from the run's queues and the batch removed, so they do not load the steps after it");
        }
    }

    /// <summary>True when the batch finished.</summary>
    private async Task<bool> MeasureAsync()
    {
        var processes = options.P5Processes;
        await using var service = await ServiceProcess.StartAsync(servers.ServiceConfiguration(), TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        var idleKb = service.Memory.CurrentKb;
        var probe = new BatchProbe(servers);
        var cpu = await CpuMeter.ForAsync(service.Pid, servers);
        var cpuBefore = cpu.Snapshot();

        var batchId = _batchId;
        var clock = Stopwatch.StartNew();
        var firstStart = WatchFirstStartAsync(probe, batchId, clock);
        await BatchApi.PostBatchAsync(service.Client, batchId, processes);
        var posted = clock.Elapsed;

        var started = await firstStart;
        table.Add(started is { } first
            ? Figure.Measured("P5", $"first process of {processes:N0} left PENDING after", $"{first.TotalMilliseconds:F0} ms", "≤ 3 s",
                $"from sending the POST (answered in {posted.TotalMilliseconds:F0} ms)")
            : Figure.NotMeasured("P5", "first process left PENDING after", "≤ 3 s",
                $"pending: no process left PENDING within {options.StartTimeout.TotalSeconds:F0} s (StatementReport saga not consuming StartProcess)"));

        var outcome = started is null
            ? new BatchOutcome(false, await probe.BatchStatusAsync(batchId), clock.Elapsed, 0, "processes never started")
            : await new BatchWatcher(probe, options).WaitAsync(batchId, processes, clock);
        table.Note($"P5 CPU while the batch ran ({outcome.Elapsed.TotalSeconds:F1} s; {cpu.Roots}): {CpuMeter.Describe(cpuBefore, cpu.Snapshot(), outcome.Elapsed)}");

        var peakMb = service.Memory.PeakKb / 1024.0;
        var idle = $"idle after start {idleKb / 1024.0:F0} MB, RSS at the end {service.Memory.CurrentKb / 1024.0:F0} MB";
        table.Add(outcome.Finished
            ? Figure.Measured("P5", $"service peak RSS (VmHWM) over a {processes:N0}-process batch", $"{peakMb:F0} MB", Verdict.AtMost(peakMb, MemoryTargetMb, " MB"),
                $"{idle}; batch {outcome.Status} in {outcome.Elapsed.TotalSeconds:F0} s ({outcome.CompletedPerSecond:F0} completed processes/s, {outcome.NotCompleted:N0} ended otherwise)")
            : Figure.Measured("P5", $"service peak RSS (VmHWM), {processes:N0}-process batch", $"{peakMb:F0} MB (partial)", $"≤ {MemoryTargetMb} MB",
                $"{idle}; creation and dispatch only — {outcome.WhyNot}"));
        return outcome.Finished;
    }

    /// <summary>Polls from the moment the POST is sent: dispatch may start processes before the answer is written.</summary>
    private async Task<TimeSpan?> WatchFirstStartAsync(BatchProbe probe, Guid batchId, Stopwatch clock)
    {
        while (clock.Elapsed < options.StartTimeout)
        {
            if (await probe.AnyStartedAsync(batchId))
            {
                return clock.Elapsed;
            }

            await Task.Delay(25);
        }

        return null;
    }
}
