using System.Diagnostics;
using ProcessBatching.Benchmarks.Ceiling;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P1: one batch, three steps, no failures, one service (in this process); processes per second
/// from the POST until the batch is COMPLETED, the broker messages each process cost, and the
/// progress consumer's refresh calls (P2's second half).
/// </summary>
public sealed class ThroughputBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table, double? sagaCeiling)
{
    private const string P1Target = "≥ 200 processes/s";

    public async Task RunAsync()
    {
        if (!await MeasureAsync())
        {
            var purged = await new BrokerQueues(servers).PurgeAsync();
            table.Note($"P1 batch did not finish: {purged:N0} messages purged from the run's queues so they do not load the steps after it");
        }
    }

    /// <summary>True when the batch finished.</summary>
    private async Task<bool> MeasureAsync()
    {
        var processes = options.P1Processes;
        await using var service = new InProcessService(servers.ServiceConfiguration());
        var client = await service.StartReadyAsync(TimeSpan.FromSeconds(60));
        var cpu = new CpuMeter(Environment.ProcessId);
        var cpuBefore = cpu.Snapshot();
        var refreshesBefore = service.RefreshCalls;

        var batchId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        await BatchApi.PostBatchAsync(client, batchId, processes);
        var posted = clock.Elapsed;
        var outcome = await new BatchWatcher(new BatchProbe(servers), options).WaitAsync(batchId, processes, clock);
        var refreshes = service.RefreshCalls - refreshesBefore;
        table.Note($"P1 CPU while the batch ran ({outcome.Elapsed.TotalSeconds:F1} s; service in the tool's process): " +
            CpuMeter.Describe(cpuBefore, cpu.Snapshot(), outcome.Elapsed));

        var what = $"{processes:N0} processes, 3 steps, processes/s from POST to COMPLETED";
        if (!outcome.Finished)
        {
            table.Add(Figure.NotMeasured("P1", what, P1Target, $"{outcome.WhyNot} (POST answered in {posted.TotalMilliseconds:F0} ms)"));
            table.Add(Figure.NotMeasured("P1", "messages per process; ratio to the ceiling", "≥ 0.6", "needs a finished P1 batch"));
            table.Add(Figure.Measured("P2", "refresh calls by the progress consumer during P1", $"{refreshes}", "≤ 2/s per batch",
                $"{refreshes / outcome.Elapsed.TotalSeconds:F2}/s over {outcome.Elapsed.TotalSeconds:F0} s; batch did not finish"));
            return false;
        }

        var rate = processes / outcome.Elapsed.TotalSeconds;
        table.Add(Figure.Measured("P1", what, $"{rate:F0}", P1Target,
            $"{outcome.Elapsed.TotalSeconds:F1} s, batch {outcome.Status}, POST answered in {posted.TotalMilliseconds:F0} ms"));
        table.Add(Figure.Measured("P2", "refresh calls by the progress consumer during P1", $"{refreshes}", "≤ 2/s per batch",
            $"{refreshes / outcome.Elapsed.TotalSeconds:F2}/s over {outcome.Elapsed.TotalSeconds:F1} s"));
        await MessagesAsync(processes, rate, outcome.Elapsed);
        return true;
    }

    private async Task MessagesAsync(int processes, double rate, TimeSpan elapsed)
    {
        var delivered = (await new BrokerQueues(servers).SettledAsync(TimeSpan.FromSeconds(20)))
            .Where(queue => !queue.Key.StartsWith(CeilingBus.EndpointPrefix))
            .ToDictionary();
        var total = delivered.Values.Sum();
        var sagaQueue = delivered.Keys.FirstOrDefault(name => name.Contains("statement-report") && !name.EndsWith("_error") && !name.EndsWith("_skipped"));
        table.Note("P1 messages delivered per queue: " + string.Join(", ", delivered.Where(q => q.Value > 0).Select(q => $"{q.Key} {q.Value}")) +
            $"; broker rate {total / elapsed.TotalSeconds:F0} messages/s");
        if (sagaQueue is null || delivered[sagaQueue] == 0)
        {
            table.Add(Figure.Measured("P1", "messages per process (all queues)", $"{(double)total / processes:F1}",
                note: "saga queue (statement-report…) not found: ratio to the ceiling not computed"));
            return;
        }

        var sagaPerProcess = (double)delivered[sagaQueue] / processes;
        table.Add(Figure.Measured("P1", "messages per process: all queues / saga queue", $"{(double)total / processes:F1} / {sagaPerProcess:F1}",
            note: $"saga queue {sagaQueue}"));
        table.Add(sagaCeiling is { } ceiling
            ? Figure.Measured("P1", "ratio: processes/s ÷ (ceiling saga messages/s ÷ saga messages per process)",
                $"{rate / (ceiling / sagaPerProcess):F2}", "≥ 0.6", $"ceiling {ceiling:F0} saga messages/s = {ceiling / sagaPerProcess:F0} processes/s")
            : Figure.NotMeasured("P1", "ratio to the ceiling", "≥ 0.6", "needs the trivial-saga ceiling"));
    }
}
