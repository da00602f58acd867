using System.Diagnostics;
using ProcessBatching.Benchmarks.Ceiling;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P1: one batch, three steps, no failures asked for, one service run as it is deployed (a separate
/// <c>dotnet ProcessBatching.Service.dll</c>, Release, the Workstation GC it ships with, Production
/// environment); completed processes per second from the POST until the batch finished, failures
/// beside them; the broker messages each process cost (counted per queue, not assumed); the CPU of the
/// service, PostgreSQL and RabbitMQ per process, each by its own process tree; PostgreSQL's commits,
/// WAL and rows written per process; and the two ratios of issue 15 against the no-op consumer of the
/// same run. Warm-up batches run first and are reported apart: right after start the runtime spends
/// more than a core re-compiling hot code (tiered JIT), which is a cost of each start, not of each
/// process; they run until compiling takes less than <see cref="WarmJitShare"/> of the service's CPU.
/// </summary>
public sealed class ThroughputBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table, CeilingBenchmark ceiling)
{
    private readonly Guid _batchId = Guid.NewGuid();
    private readonly List<Guid> _warmUpBatchIds = [];

    private const double RateTarget = 0.4;
    private const double CpuTarget = 2;

    /// <summary>The share of the service's CPU spent compiling below which it counts as warm.</summary>
    private const double WarmJitShare = 0.05;
    private const int MaxWarmUpBatches = 4;

    public async Task RunAsync()
    {
        if (await MeasureAsync() is not { } measured)
        {
            table.Add(Figure.NotMeasured("P1", "ratios to the no-op consumer", $"≥ {RateTarget} / ≤ {CpuTarget}", "need a finished P1 batch"));
            var purged = await new BrokerQueues(servers).PurgeAsync();
            await UnfinishedBatches.RemoveAsync(servers, [.. _warmUpBatchIds, _batchId]);
            table.Note($"P1 batch did not finish: {purged:N0} messages purged from the run's queues and the batch removed, so they do not load the steps after it");
            return;
        }

        // The service has stopped: the yardstick once more, so the ratios rest on a run before P1 and one after.
        await ceiling.RunNoOpAgainAsync("after P1");
        Ratios(measured);
    }

    /// <summary>What P1's ratios are taken from: the measured batch's rate, the service's CPU and the broker messages per process.</summary>
    private sealed record Measured(double Rate, double ServiceCpuPerProcess, double? MessagesPerProcess);

    /// <summary>The measured batch's figures, once the warm-up and it finished; null otherwise.</summary>
    private async Task<Measured?> MeasureAsync()
    {
        var processes = options.P1Processes;
        await using var service = await ServiceProcess.StartAsync(servers.ServiceConfiguration(), TimeSpan.FromSeconds(60));
        var cpu = await CpuMeter.ForAsync(service.Pid, servers);

        // The service's own background work (pollers, sweeps, gauges, health) with no batch: a cost per
        // replica, not per process, which a slow run spreads over few processes.
        var idleWindow = options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleBefore = cpu.Snapshot();
        await Task.Delay(idleWindow);
        var idleCores = (cpu.Snapshot()["service"] - idleBefore["service"]) / idleWindow.TotalSeconds;
        table.Add(Figure.Measured("P1", "service CPU while idle (no batch), cores", $"{idleCores:F3}",
            note: $"the {idleWindow.TotalSeconds:F0} s right after start-up, JIT tiering included (later it is lower); a cost per replica, " +
                  "included in the CPU per process below"));
        if (!await WarmUpAsync(service, cpu))
        {
            return null;
        }

        // Settled, so that the warm-up batch's last messages are not counted to this one.
        var deliveredBefore = await new BrokerQueues(servers).SettledAsync(TimeSpan.FromSeconds(20));
        var pgBefore = await PgActivity.SnapshotAsync(servers);
        var cpuBefore = cpu.Snapshot();
        var gcBefore = await RuntimeCounters.ReadAsync(service.Client);

        var batchId = _batchId;
        var clock = Stopwatch.StartNew();
        await BatchApi.PostBatchAsync(service.Client, batchId, processes);
        var posted = clock.Elapsed;
        var outcome = await new BatchWatcher(new BatchProbe(servers), options).WaitAsync(batchId, processes, clock);
        var cpuAfter = cpu.Snapshot();
        var gcAfter = await RuntimeCounters.ReadAsync(service.Client);
        table.Note($"P1 CPU while the batch ran ({outcome.Elapsed.TotalSeconds:F1} s; {cpu.Roots}; the tool's own process, " +
            "which posts and polls the database, is not among them): " + CpuMeter.Describe(cpuBefore, cpuAfter, outcome.Elapsed));

        var what = $"{processes:N0} processes, 3 steps: completed processes/s from POST to batch finished";
        if (!outcome.Finished)
        {
            table.Add(Figure.NotMeasured("P1", what, "",
                $"{outcome.WhyNot} ({outcome.Completed:N0} completed; POST answered in {posted.TotalMilliseconds:F0} ms)"));
            return null;
        }

        var rate = outcome.CompletedPerSecond;
        table.Add(Figure.Measured("P1", what, $"{rate:F0}", "",
            $"{outcome.Completed:N0} completed, {outcome.NotCompleted:N0} ended otherwise, in {outcome.Elapsed.TotalSeconds:F1} s; " +
            $"batch {outcome.Status}; POST answered in {posted.TotalMilliseconds:F0} ms"));

        // Per finished process (completed or not: each one cost its messages and commits).
        var finished = Math.Max(outcome.ProcessesFinished, 1);
        var perProcess = cpuAfter.ToDictionary(pair => pair.Key, pair => (pair.Value - cpuBefore.GetValueOrDefault(pair.Key)) / finished);
        table.Add(Figure.Measured("P1", "CPU per process: service / PostgreSQL / RabbitMQ",
            string.Join(" / ", new[] { "service", "postgresql", "rabbitmq" }.Select(name => perProcess.TryGetValue(name, out var s) ? $"{s * 1000:F1}" : "—")) + " ms",
            note: $"CPU seconds of each process tree over the batch ÷ {finished:N0} finished processes; the service's idle share " +
                  $"{idleCores * outcome.Elapsed.TotalSeconds * 1000 / finished:F1} ms of it"));

        if (gcBefore is not null && gcAfter is not null)
        {
            table.Add(Figure.Measured("P1", "service memory traffic per process", RuntimeCounters.PerProcess(gcBefore, gcAfter, finished, outcome.Elapsed),
                note: "the runtime's counters from the service's /metrics over the batch; unlike CPU time, allocation does not move with the machine's load"));
            var serviceCpu = cpuAfter["service"] - cpuBefore["service"];
            table.Add(Figure.Measured("P1", "service time compiling (JIT) during the batch",
                $"{(gcAfter.JitSeconds - gcBefore.JitSeconds) * 1000 / finished:F2} ms per process, {100 * (gcAfter.JitSeconds - gcBefore.JitSeconds) / Math.Max(serviceCpu, 1e-3):F1} % of its CPU",
                note: "the runtime's compilation time, by the wall clock (on a loaded machine it can exceed the CPU it got); included in the CPU per process above"));
        }

        var messagesPerProcess = await MessagesAsync(deliveredBefore, finished);
        var pgAfter = await PgActivity.SnapshotAsync(servers);
        table.Add(Figure.Measured("P1", "PostgreSQL per process", PgActivity.PerProcess(pgBefore, pgAfter, finished),
            note: "run's database; the tool's own polling queries taken out of the commits; WAL is the server's"));
        return new Measured(rate, perProcess.GetValueOrDefault("service"), messagesPerProcess);
    }

    /// <summary>
    /// Smaller batches on the fresh service, timed and costed like the measured one, until the runtime
    /// spends less than <see cref="WarmJitShare"/> of the service's CPU compiling (at most
    /// <see cref="MaxWarmUpBatches"/>): the cost of a cold start (tiered JIT re-compiling hot code at
    /// more than a core), so the measured batch sees the service as it runs for hours. Fails P1 when
    /// one does not finish.
    /// </summary>
    private async Task<bool> WarmUpAsync(ServiceProcess service, CpuMeter cpu)
    {
        // Batches of 200 (the quick run's fifth) left the service compiling 59 % of the time after four of them.
        var processes = Math.Clamp(options.P1Processes / 5, 1_000, 2_000);
        var first = (Rate: 0.0, Cpu: 0.0);
        var jitShare = 1.0;
        while (_warmUpBatchIds.Count < MaxWarmUpBatches && jitShare >= WarmJitShare)
        {
            var batchId = Guid.NewGuid();
            _warmUpBatchIds.Add(batchId);
            var before = cpu.Snapshot();
            var countersBefore = await RuntimeCounters.ReadAsync(service.Client);
            var clock = Stopwatch.StartNew();
            await BatchApi.PostBatchAsync(service.Client, batchId, processes);
            var outcome = await new BatchWatcher(new BatchProbe(servers), options).WaitAsync(batchId, processes, clock);
            if (!outcome.Finished)
            {
                table.Add(Figure.NotMeasured("P1", "warm-up", "", $"{outcome.WhyNot} ({outcome.Completed:N0} of {processes:N0} completed)"));
                return false;
            }

            var serviceCpu = cpu.Snapshot()["service"] - before["service"];
            var countersAfter = await RuntimeCounters.ReadAsync(service.Client);
            jitShare = countersBefore is null || countersAfter is null ? 0 : (countersAfter.JitSeconds - countersBefore.JitSeconds) / Math.Max(serviceCpu, 1e-3);
            if (_warmUpBatchIds.Count == 1)
            {
                first = (outcome.CompletedPerSecond, serviceCpu / Math.Max(outcome.ProcessesFinished, 1));
            }
        }

        table.Add(Figure.Measured("P1", "warm-up: the first batch after start, completed processes/s and service CPU per process",
            $"{first.Rate:F0} / {first.Cpu * 1000:F1} ms",
            note: $"a cold service, not in the figures below; {_warmUpBatchIds.Count} warm-up batch(es) of {processes:N0} processes, " +
                  $"compiling {100 * jitShare:F0} % of the service's CPU in the last (warm below {100 * WarmJitShare:F0} %)"));
        return true;
    }

    private void Ratios(Measured measured)
    {
        var (rate, serviceCpuPerProcess, messagesPerProcess) = measured;
        if (messagesPerProcess is not { } messages || ceiling.NoOpMessagesPerSecond is not { } noOpRate || ceiling.NoOpCpuPerMessage is not { } noOpCpu)
        {
            table.Add(Figure.NotMeasured("P1", "ratios to the no-op consumer", $"≥ {RateTarget} / ≤ {CpuTarget}",
                "need the no-op consumer of the same run (--only ceiling,p1) and the messages per process"));
            return;
        }

        var rateRatio = rate / (noOpRate / messages);
        table.Add(Figure.Measured("P1", "ratio: processes/s ÷ (no-op messages/s ÷ messages per process)", $"{rateRatio:F2}",
            Verdict.AtLeast(rateRatio, RateTarget),
            $"{rate:F1} processes/s; no-op {noOpRate:F0} messages/s (the mean of {ceiling.DescribeNoOpRuns(run => $"{run.MessagesPerSecond:F0}")}) " +
            $"÷ {messages:F1} = {noOpRate / messages:F0} processes/s"));
        var cpuRatio = serviceCpuPerProcess / (noOpCpu * messages);
        table.Add(Figure.Measured("P1", "ratio: service CPU per process ÷ (no-op CPU per message × messages per process)", $"{cpuRatio:F2}",
            Verdict.AtMost(cpuRatio, CpuTarget),
            $"service {serviceCpuPerProcess * 1000:F1} ms; no-op {noOpCpu * 1000:F2} ms (the mean of {ceiling.DescribeNoOpRuns(run => $"{run.CpuPerMessage * 1000:F2}")}) " +
            $"× {messages:F1} = {noOpCpu * messages * 1000:F1} ms"));
    }

    /// <summary>Messages per finished process over all of the service's queues, counted once the queues settled.</summary>
    private async Task<double?> MessagesAsync(IReadOnlyDictionary<string, long> before, long finished)
    {
        var delivered = (await new BrokerQueues(servers).SettledAsync(TimeSpan.FromSeconds(20)))
            .Where(queue => !queue.Key.StartsWith(CeilingBus.EndpointPrefix))
            .ToDictionary(queue => queue.Key, queue => queue.Value - before.GetValueOrDefault(queue.Key));
        var total = delivered.Values.Sum();
        table.Note("P1 messages delivered per queue (counted after the queues settled): " +
            string.Join(", ", delivered.Where(q => q.Value > 0).Select(q => $"{q.Key} {q.Value} ({(double)q.Value / finished:F2}/process)")));
        if (total == 0)
        {
            table.Add(Figure.NotMeasured("P1", "broker messages per process", "", "the management API counted no deliveries"));
            return null;
        }

        var sagaQueue = delivered.Keys.FirstOrDefault(name => name.Contains("statement-report") && !name.EndsWith("_error") && !name.EndsWith("_skipped"));
        table.Add(Figure.Measured("P1", "broker messages per process: all queues / saga queue",
            $"{(double)total / finished:F1} / {(sagaQueue is null ? "—" : $"{(double)delivered[sagaQueue] / finished:F1}")}",
            note: $"counted by the management API (deliveries), not assumed; saga queue {sagaQueue ?? "not found"}"));
        return (double)total / finished;
    }
}
