using System.Diagnostics;
using ProcessBatching.Benchmarks.Ceiling;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P1: one batch, three steps, no failures asked for, one service run as it is deployed (a separate
/// <c>dotnet ProcessBatching.Service.dll</c>, Release, the Workstation GC it ships with, Production
/// environment); completed processes per second from the POST until the batch finished, failures
/// beside them, the broker messages each process cost, and the CPU of the service, PostgreSQL and
/// RabbitMQ, each by its own process tree.
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
        await using var service = await ServiceProcess.StartAsync(servers.ServiceConfiguration(), TimeSpan.FromSeconds(60));
        var cpu = await CpuMeter.ForAsync(service.Pid, servers);
        var cpuBefore = cpu.Snapshot();

        var batchId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        await BatchApi.PostBatchAsync(service.Client, batchId, processes);
        var posted = clock.Elapsed;
        var outcome = await new BatchWatcher(new BatchProbe(servers), options).WaitAsync(batchId, processes, clock);
        var cpuAfter = cpu.Snapshot();
        table.Note($"P1 CPU while the batch ran ({outcome.Elapsed.TotalSeconds:F1} s; {cpu.Roots}; the tool's own process, " +
            "which posts and polls the database, is not among them): " + CpuMeter.Describe(cpuBefore, cpuAfter, outcome.Elapsed));
        if (outcome.Completed > 0)
        {
            table.Note($"P1 CPU seconds per 1,000 completed processes: " + string.Join(", ", cpuAfter.Select(pair =>
                $"{pair.Key} {(pair.Value - cpuBefore[pair.Key]) * 1000 / outcome.Completed:F1} s")));
        }

        var what = $"{processes:N0} processes, 3 steps: completed processes/s from POST to batch finished";
        if (!outcome.Finished)
        {
            table.Add(Figure.NotMeasured("P1", what, P1Target,
                $"{outcome.WhyNot} ({outcome.Completed:N0} completed; POST answered in {posted.TotalMilliseconds:F0} ms)"));
            table.Add(Figure.NotMeasured("P1", "messages per process; ratio to the ceiling", "≥ 0.6", "needs a finished P1 batch"));
            return false;
        }

        var rate = outcome.CompletedPerSecond;
        table.Add(Figure.Measured("P1", what, $"{rate:F0}", P1Target,
            $"{outcome.Completed:N0} completed, {outcome.NotCompleted:N0} ended otherwise, in {outcome.Elapsed.TotalSeconds:F1} s; " +
            $"batch {outcome.Status}; POST answered in {posted.TotalMilliseconds:F0} ms"));
        table.Add(Figure.NotMeasured("P2", "refresh calls by the progress consumer during P1", "≤ 2/s per batch",
            "not counted: the service runs in its own process and exposes no refresh counter here; the integration spec " +
            "Batch_progress_Specs bounds the progress consumer's refreshes"));
        await MessagesAsync(processes, rate);
        return true;
    }

    private async Task MessagesAsync(int processes, double rate)
    {
        // Deliveries are counted once the queues settle, after the batch finished: a per-process figure,
        // not a rate over P1's time.
        var delivered = (await new BrokerQueues(servers).SettledAsync(TimeSpan.FromSeconds(20)))
            .Where(queue => !queue.Key.StartsWith(CeilingBus.EndpointPrefix))
            .ToDictionary();
        var total = delivered.Values.Sum();
        var sagaQueue = delivered.Keys.FirstOrDefault(name => name.Contains("statement-report") && !name.EndsWith("_error") && !name.EndsWith("_skipped"));
        table.Note("P1 messages delivered per queue (counted after the queues settled): " +
            string.Join(", ", delivered.Where(q => q.Value > 0).Select(q => $"{q.Key} {q.Value}")));
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
            ? Figure.Measured("P1", "ratio: completed processes/s ÷ (trivial-saga messages/s ÷ saga messages per process)",
                $"{rate / (ceiling / sagaPerProcess):F2}", "≥ 0.6",
                $"ceiling {ceiling:F0} saga messages/s = {ceiling / sagaPerProcess:F0} processes/s; the trivial saga runs in the tool's " +
                "process (Server GC) and inserts its rows, so the ratio compares unlike hosts: read it as an order of magnitude")
            : Figure.NotMeasured("P1", "ratio to the ceiling", "≥ 0.6", "needs the trivial-saga ceiling"));
    }
}
