using System.Diagnostics;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P3: how a POST of a batch scales with its size — a small and a large POST (100,000 and 1,000,000 in the
/// full run) to one service in the same run, and the service's peak RSS by the end of the large one. The
/// service runs with <c>Roles=api</c>: it creates the batch (the COPY of every process row) and answers,
/// and no process runs, so the two POSTs are timed without the first batch's processes on the same cores.
/// </summary>
public sealed class PostBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table)
{
    private const double MemoryTargetMb = 300;

    public async Task RunAsync()
    {
        var sizes = options.P3Posts.Order().ToList();
        var configuration = new Dictionary<string, string>(servers.ServiceConfiguration()) { ["Roles"] = "api" };
        await using var service = await ServiceProcess.StartAsync(configuration, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        var idleKb = service.Memory.CurrentKb;

        // Not timed: the first request JITs the endpoint, the validator and the COPY path.
        var warmUp = Guid.NewGuid();
        await BatchApi.PostBatchAsync(service.Client, warmUp, 100);

        var answered = new List<(int Size, TimeSpan Time)>();
        var posted = new List<Guid>();
        foreach (var size in sizes)
        {
            var batchId = Guid.NewGuid();
            posted.Add(batchId);
            var clock = Stopwatch.StartNew();
            await BatchApi.PostBatchAsync(service.Client, batchId, size);
            answered.Add((size, clock.Elapsed));
            table.Add(Figure.Measured("P3", $"POST of {size:N0} processes answered in", $"{clock.Elapsed.TotalMilliseconds:F0} ms",
                note: "one transaction: the batch row, a binary COPY of the process rows, the dispatch row"));
        }

        if (answered.Count >= 2)
        {
            var (small, large) = (answered[0], answered[^1]);
            var ratio = large.Time / small.Time;
            var linear = (double)large.Size / small.Size;
            table.Add(Figure.Measured("P3", $"POST time ratio {large.Size:N0} ÷ {small.Size:N0} (same run)", $"{ratio:F1}",
                Verdict.AtMost(ratio, linear), $"{linear:F0} × the processes: ≤ {linear:F0} is linear or better"));
        }

        var peakMb = service.Memory.PeakKb / 1024.0;
        await UnfinishedBatches.RemoveAsync(servers, [warmUp, .. posted]);
        table.Add(Figure.Measured("P3", $"service peak RSS (VmHWM) by the end of the {sizes[^1]:N0} POST", $"{peakMb:F0} MB",
            Verdict.AtMost(peakMb, MemoryTargetMb, " MB"),
            $"Roles=api; idle after start {idleKb / 1024.0:F0} MB, RSS at the end {service.Memory.CurrentKb / 1024.0:F0} MB"));
    }
}
