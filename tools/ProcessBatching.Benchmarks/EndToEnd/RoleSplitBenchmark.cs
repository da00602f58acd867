using System.Diagnostics;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P1 by role, for the capacity model: the same batch as P1, run by three service processes side by side
/// — <c>Roles=processes</c> (the saga), <c>Roles=workers</c> (the step consumers), <c>Roles=batches,api</c>
/// (the POST, the dispatcher, the batch owner) — and the CPU of each per finished process.
/// </summary>
public sealed class RoleSplitBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table)
{
    private static readonly string[] Roles = ["processes", "workers", "batches,api"];

    public async Task RunAsync()
    {
        var services = new List<ServiceProcess>();
        try
        {
            foreach (var role in Roles)
            {
                var configuration = new Dictionary<string, string>(servers.ServiceConfiguration()) { ["Roles"] = role };
                services.Add(await ServiceProcess.StartAsync(configuration, TimeSpan.FromSeconds(60)));
            }

            var meters = new List<(string Role, CpuMeter Meter, IReadOnlyDictionary<string, double> Before)>();
            for (var i = 0; i < Roles.Length; i++)
            {
                var meter = await CpuMeter.ForAsync(services[i].Pid, servers);
                meters.Add((Roles[i], meter, meter.Snapshot()));
            }

            var processes = options.P1Processes;
            var pgBefore = await PgActivity.SnapshotAsync(servers);
            var batchId = Guid.NewGuid();
            var clock = Stopwatch.StartNew();
            await BatchApi.PostBatchAsync(services[^1].Client, batchId, processes);
            var outcome = await new BatchWatcher(new BatchProbe(servers), options).WaitAsync(batchId, processes, clock);
            var cpu = meters.Select(m => (m.Role, Seconds: m.Meter.Snapshot()["service"] - m.Before["service"])).ToList();
            var all = meters[0].Meter.Snapshot();
            if (!outcome.Finished)
            {
                table.Add(Figure.NotMeasured("roles", $"service CPU per process by role ({processes:N0} processes)", "", outcome.WhyNot ?? "did not finish"));
                await new BrokerQueues(servers).PurgeAsync();
                return;
            }

            var finished = Math.Max(outcome.ProcessesFinished, 1);
            table.Add(Figure.Measured("roles", $"service CPU per process by role: {string.Join(" / ", Roles)}",
                string.Join(" / ", cpu.Select(c => $"{c.Seconds * 1000 / finished:F1}")) + " ms",
                note: $"three service processes side by side, {finished:N0} processes in {outcome.Elapsed.TotalSeconds:F0} s " +
                      $"({outcome.CompletedPerSecond:F0} completed/s); PostgreSQL {(all["postgresql"] - meters[0].Before["postgresql"]) * 1000 / finished:F1} ms, " +
                      $"RabbitMQ {(all.GetValueOrDefault("rabbitmq") - meters[0].Before.GetValueOrDefault("rabbitmq")) * 1000 / finished:F1} ms per process"));
            await Task.Delay(TimeSpan.FromSeconds(3));
            table.Add(Figure.Measured("roles", "PostgreSQL per process (roles split)", PgActivity.PerProcess(pgBefore, await PgActivity.SnapshotAsync(servers), finished)));
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }
}
