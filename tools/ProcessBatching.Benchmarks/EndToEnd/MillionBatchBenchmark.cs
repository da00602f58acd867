using System.Diagnostics;
using System.Text.Json;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P6: one very large batch (1,000,000 processes in the full run, a small one in the quick run so it
/// cannot rot) on the service with every role. Every few seconds while it runs: the batch page
/// (<c>GET /process-batches/{id}</c>) and the batch API (<c>GET /api/process-batches/{id}</c>) are timed,
/// and beside them <c>GET /health/live</c>, which reads nothing: the floor a host this busy sets for any
/// answer, so the two can be read against it. The service's RSS is read, and the dispatch lag — processes handed out and not finished, messages waiting
/// in the broker — recorded. It reports whether the batch finished, the latencies' max and p95, RSS at
/// 10 %, 50 % and 100 % done, the largest dispatch lag seen, and whether the messages waiting grew with the
/// batch: the most in its second half against the most in its first, and the queue that held most of them.
/// <para>
/// Beside it runs a second replica with <c>Roles=api</c>, on the same database and broker, which runs no
/// process: where the pages are served from when their time matters (docs/performance.md, round twelve).
/// The same three reads are timed on it right after those on the busy one, and judged by the same target.
/// </para>
/// </summary>
public sealed class MillionBatchBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table)
{
    private readonly Guid _batchId = Guid.NewGuid();

    private const double LatencyTargetMs = 100;

    /// <summary>
    /// How many times the messages queued in the first half of the batch those in its second may be: a
    /// queue whose consumer falls behind grows with the batch, and its second half holds at least twice
    /// what its first did; one that keeps up holds about the same.
    /// </summary>
    private const double QueuedGrowthAllowed = 1.5;

    public async Task RunAsync()
    {
        if (!await MeasureAsync())
        {
            var purged = await new BrokerQueues(servers).PurgeAsync();
            await UnfinishedBatches.RemoveAsync(servers, [_batchId]);
            table.Note($"P6 batch did not finish: {purged:N0} messages purged from the run's queues and the batch removed, so they do not load the steps after it");
        }
    }

    private async Task<bool> MeasureAsync()
    {
        var processes = options.P6Processes;
        await using var service = await ServiceProcess.StartAsync(servers.ServiceConfiguration(), TimeSpan.FromSeconds(60));
        await using var apiReplica = await ServiceProcess.StartAsync(
            new Dictionary<string, string>(servers.ServiceConfiguration()) { ["Roles"] = "api" }, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        var idleKb = service.Memory.CurrentKb;
        var probe = new BatchProbe(servers);
        var batchId = _batchId;

        // Not timed: the first call of each compiles its page or endpoint (JIT, Razor), which a user
        // meets once per replica start, not while a batch runs; a batch's own page and API, once it exists.
        var replicas = new[] { new Timings("", service.Client), new Timings(" on a Roles=api replica", apiReplica.Client) };
        foreach (var replica in replicas)
        {
            await BatchApi.GetAsync(replica.Client, "/process-batches");
            await BatchApi.GetAsync(replica.Client, "/api/process-batches/");
        }

        var clock = Stopwatch.StartNew();
        await BatchApi.PostBatchAsync(service.Client, batchId, processes);
        var posted = clock.Elapsed;
        foreach (var replica in replicas)
        {
            await BatchApi.GetAsync(replica.Client, $"/process-batches/{batchId}");
            await BatchApi.GetAsync(replica.Client, $"/api/process-batches/{batchId}");
            await BatchApi.GetAsync(replica.Client, "/health/live");
        }

        var rssAt = new SortedDictionary<int, (long Kb, TimeSpan At)>();
        long maxInFlight = 0, lastDone = -1;
        var queuedInHalf = new long[2];
        Queued? mostQueued = null;
        var lastTenth = 0;
        // How many samples each read had at each progress line (every turn takes one of each), so the
        // maxima can be placed in the batch: at its start, on cold replicas, or throughout.
        var lineAt = new List<int> { 0 };
        var lastProgress = Stopwatch.StartNew();
        string status = "PENDING", why = "";
        var finished = false;
        var failures = new List<string>();
        var view = new BatchCounts(processes, 0);
        // A failed read (an error answer, a timeout) is a figure, not a crash: counted, its time kept.
        async Task TimedAsync(List<double> samples, string what, Func<Task> read)
        {
            var readClock = Stopwatch.StartNew();
            try
            {
                await read();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
            {
                failures.Add($"{what}: {exception.Message}");
            }

            samples.Add(readClock.Elapsed.TotalMilliseconds);
        }

        string Maxima(Func<Timings, List<double>> samples, int from) =>
            string.Join(" / ", replicas.Select(replica => $"{MaxBetween(samples(replica), from, samples(replica).Count):F0}"));

        while (true)
        {
            // Either replica's answer gives the batch's counts: both read its row as stored.
            foreach (var replica in replicas)
            {
                await TimedAsync(replica.Page, $"page{replica.Where}", () => BatchApi.GetAsync(replica.Client, $"/process-batches/{batchId}"));
                await TimedAsync(replica.Api, $"API{replica.Where}", async () => view = await ReadBatchAsync(replica.Client, batchId));
                await TimedAsync(replica.Floor, $"liveness{replica.Where}", () => BatchApi.GetAsync(replica.Client, "/health/live"));
            }

            try
            {
                // The API's in_progress_count is every unfinished process, PENDING ones too: not the lag.
                maxInFlight = Math.Max(maxInFlight, await probe.InFlightAsync(batchId));
            }
            catch (Npgsql.NpgsqlException exception)
            {
                failures.Add($"the tool's in-flight query: {exception.Message}");
            }
            try
            {
                var queued = await QueuedAsync();
                var half = view.Total > 0 && 2 * view.Done >= view.Total ? 1 : 0;
                queuedInHalf[half] = Math.Max(queuedInHalf[half], queued.Total);
                mostQueued = queued.Total > (mostQueued?.Total ?? -1) ? queued : mostQueued;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"management API: {exception.Message}");
            }
            var percent = view.Total == 0 ? 0 : 100.0 * view.Done / view.Total;
            foreach (var mark in new[] { 10, 50 })
            {
                if (percent >= mark && !rssAt.ContainsKey(mark))
                {
                    rssAt[mark] = (service.Memory.CurrentKb, clock.Elapsed);
                }
            }

            // A long run says where it is at each tenth, so it can be followed and a cut-short run still tells.
            if ((int)(percent / 10) > lastTenth)
            {
                lastTenth = (int)(percent / 10);
                var since = lineAt[^1];
                lineAt.Add(replicas[0].Page.Count);
                Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] P6 {percent:F0} % done ({view.Done:N0} of {view.Total:N0}) at " +
                    $"{view.Done / clock.Elapsed.TotalSeconds:F0} processes/s; RSS {service.Memory.CurrentKb / 1024.0:F0} MB " +
                    $"(peak {service.Memory.PeakKb / 1024.0:F0}); max since the last line, this replica / a Roles=api one: " +
                    $"batch page {Maxima(r => r.Page, since)} ms, API {Maxima(r => r.Api, since)} ms, liveness {Maxima(r => r.Floor, since)} ms; " +
                    $"most in flight {maxInFlight:N0}, most queued {mostQueued?.Describe() ?? "—"}");
            }

            try
            {
                status = await probe.BatchStatusAsync(batchId);
            }
            catch (Npgsql.NpgsqlException exception)
            {
                failures.Add($"the tool's status query: {exception.Message}");
            }
            if (status is "COMPLETED" or "COMPLETED_WITH_FAILURES")
            {
                rssAt[100] = (service.Memory.CurrentKb, clock.Elapsed);
                finished = true;
                break;
            }

            if (view.Done != lastDone)
            {
                lastDone = view.Done;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > options.StallTimeout && view.Done > 0)
            {
                why = $"stalled: no process finished in {options.StallTimeout.TotalSeconds:F0} s ({view.Done:N0} of {view.Total:N0} done)";
                break;
            }

            if (clock.Elapsed > options.EndToEndTimeout)
            {
                why = $"timed out after {options.EndToEndTimeout.TotalSeconds:F0} s: batch {status}, {view.Done:N0} of {view.Total:N0} done";
                break;
            }

            await Task.Delay(options.P6SampleEvery);
        }

        var elapsed = clock.Elapsed;
        table.Add(finished
            ? Figure.Measured("P6", $"{processes:N0}-process batch finished in", $"{elapsed.TotalSeconds:F0} s", "finishes: met",
                $"{processes / elapsed.TotalSeconds:F0} processes/s; batch {status}; POST answered in {posted.TotalMilliseconds:F0} ms")
            : Figure.NotMeasured("P6", $"{processes:N0}-process batch finished in", "finishes: not met", why));
        if (failures.Count > 0)
        {
            table.Add(Figure.Measured("P6", "batch page, API and liveness reads that failed", $"{failures.Count} of {replicas.Sum(replica => replica.Count)}", "0",
                string.Join("; ", failures.GroupBy(f => f).Select(g => $"{g.Count()} × {g.Key}"))));
        }

        foreach (var replica in replicas)
        {
            AddLatency($"GET /process-batches/{{id}} (batch page){replica.Where}", replica.Page, lineAt);
            AddLatency($"GET /api/process-batches/{{id}}{replica.Where}", replica.Api, lineAt);
            AddLatency($"GET /health/live (reads nothing: the host's floor){replica.Where}", replica.Floor, lineAt, judged: false);
        }

        table.Add(Figure.Measured("P6", "service RSS at 10 % / 50 % / 100 % done",
            string.Join(" / ", new[] { 10, 50, 100 }.Select(mark => rssAt.TryGetValue(mark, out var at) ? $"{at.Kb / 1024.0:F0}" : "—")) + " MB",
            "flat", $"idle after start {idleKb / 1024.0:F0} MB, peak (VmHWM) {service.Memory.PeakKb / 1024.0:F0} MB; " +
            string.Join(", ", rssAt.Select(pair => $"{pair.Key} % at {pair.Value.At.TotalSeconds:F0} s"))));
        table.Add(Figure.Measured("P6", "dispatch lag: most processes handed out and not finished",
            $"{maxInFlight:N0}", "", $"sampled {replicas[0].Page.Count} times every {options.P6SampleEvery.TotalSeconds:F0} s; the dispatcher keeps a bounded number of a batch's processes in flight"));
        var grew = queuedInHalf[1] > QueuedGrowthAllowed * queuedInHalf[0];
        table.Add(Figure.Measured("P6", "messages queued in the broker: most in the first / second half of the batch",
            $"{queuedInHalf[0]:N0} / {queuedInHalf[1]:N0}",
            $"second ≤ {QueuedGrowthAllowed} × first: {(grew ? "not met" : "met")}",
            $"{(grew ? "grew with the batch" : "bounded: did not grow with the batch")}; the most ({mostQueued?.Describe() ?? "no sample"})"));
        return finished;
    }

    /// <param name="lineAt">How many samples there were at each progress line: the detail gives the most between two lines.</param>
    private void AddLatency(string what, List<double> samples, List<int> lineAt, bool judged = true)
    {
        if (samples.Count == 0)
        {
            table.Add(Figure.NotMeasured("P6", what, "", "no sample"));
            return;
        }

        var sorted = samples.Order().ToList();
        var p95 = sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(0.95 * sorted.Count) - 1)];
        table.Add(Figure.Measured("P6", what + ": max / p95 while the batch ran", $"{sorted[^1]:F0} / {p95:F0} ms",
            judged ? Verdict.AtMost(sorted[^1], LatencyTargetMs, " ms (max)") : "",
            $"{samples.Count} samples, loopback HTTP; max between progress lines (one at each tenth of the batch): {string.Join(", ", MaximaBetweenLines(samples, lineAt))} ms"));
    }

    private static IEnumerable<string> MaximaBetweenLines(List<double> samples, List<int> lineAt)
    {
        var bounds = lineAt.Append(samples.Count).ToList();
        for (var i = 1; i < bounds.Count; i++)
        {
            if (bounds[i] > bounds[i - 1])
            {
                yield return $"{MaxBetween(samples, bounds[i - 1], bounds[i]):F0}";
            }
        }
    }

    /// <summary>The slowest of the samples from index <paramref name="from"/> up to <paramref name="to"/>; 0 if there are none.</summary>
    private static double MaxBetween(List<double> samples, int from, int to) =>
        from < to ? samples.GetRange(from, to - from).Max() : 0;

    private static async Task<BatchCounts> ReadBatchAsync(HttpClient client, Guid batchId)
    {
        using var response = await client.GetAsync($"/api/process-batches/{batchId}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var root = json.RootElement;
        long Read(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
        return new BatchCounts(Read("total_count"), Read("completed_count") + Read("failed_count"));
    }

    /// <summary>Every message in the run's queues (ready and unacknowledged), and the queue that holds most of them.</summary>
    private async Task<Queued> QueuedAsync()
    {
        var waiting = await new BrokerQueues(servers).WaitingAsync();
        var deepest = waiting.MaxBy(queue => queue.Value);
        return new Queued(waiting.Values.Sum(), deepest.Key ?? "", deepest.Value);
    }

    private sealed record Queued(long Total, string Deepest, long InDeepest)
    {
        public string Describe() => $"{Total:N0}, {InDeepest:N0} of them in {Deepest}";
    }

    private sealed record BatchCounts(long Total, long Done);

    /// <summary>The batch page, the batch API and liveness as one replica answered them, in milliseconds.</summary>
    private sealed record Timings(string Where, HttpClient Client)
    {
        public List<double> Page { get; } = [];
        public List<double> Api { get; } = [];
        public List<double> Floor { get; } = [];
        public int Count => Page.Count + Api.Count + Floor.Count;
    }
}
