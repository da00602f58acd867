using ProcessBatching.Benchmarks.Ceiling;
using ProcessBatching.Benchmarks.Database;
using ProcessBatching.Benchmarks.EndToEnd;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks;

/// <summary>
/// The entry point (not a top-level Program: that name is the service's, which P1 hosts in-process).
/// Figures, never verdicts: slowness or a step that cannot run yet is printed in the table and the run
/// still exits 0; only a crash (an exception in a step) makes the exit code 1.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var options = BenchmarkOptions.Parse(args);
        var table = new ResultTable();
        var crashed = false;
        var loadAtStart = LoadAverage();

        await using (var servers = await BenchmarkServers.CreateAsync(ServerSettings.FromEnvironment()))
        {
            Console.WriteLine($"Benchmark database {servers.Database}, virtual host {servers.VirtualHost}");
            var ceiling = new CeilingBenchmark(servers, options, table);
            var refresh = new RefreshStatsBenchmark(servers, options, table);
            await Step("ceiling", ceiling.RunAsync);
            await Step("p1", () => new ThroughputBenchmark(servers, options, table, ceiling).RunAsync());
            if (options.Only.Contains("roles"))
            {
                await Step("roles", () => new RoleSplitBenchmark(servers, options, table).RunAsync());
            }

            await Step("p3", () => new PostBenchmark(servers, options, table).RunAsync());
            await Step("p5", () => new LargeBatchBenchmark(servers, options, table).RunAsync());
            await Step("p6", () => new MillionBatchBenchmark(servers, options, table).RunAsync());
            await Step("p2", refresh.RunAsync);
            await Step("p4", () => new ApiReadBenchmark(servers, options, table, refresh.Batches).RunAsync());
        }

        // The machine is shared: a figure means little without the load it was measured under.
        table.Note($"load average (1, 5, 15 min) at the start: {loadAtStart}; at the end: {LoadAverage()}");
        var command = "dotnet run -c Release --project tools/ProcessBatching.Benchmarks --" + string.Concat(args.Select(a => " " + a));
        var report = table.Render(command);
        Console.WriteLine();
        Console.Write(report);
        var saved = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks", "last-run.md");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        await File.WriteAllTextAsync(saved, report);
        Console.WriteLine($"(saved to {saved})");
        return crashed ? 1 : 0;

        static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

        async Task Step(string name, Func<Task> run)
        {
            if (!options.Runs(name))
            {
                return;
            }

            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {name}");
            try
            {
                await run();
            }
            catch (Exception exception)
            {
                crashed = true;
                Console.Error.WriteLine(exception);
                table.Add(Figure.NotMeasured(name, "step crashed", "", $"{exception.GetType().Name}: {exception.Message}"));
            }
        }
    }
}
