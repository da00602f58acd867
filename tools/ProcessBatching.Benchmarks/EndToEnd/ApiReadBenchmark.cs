using Npgsql;
using ProcessBatching.Benchmarks.Database;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// P4: what an operator waits for on a large batch's page, over real HTTP to the service process:
/// the batch, its first page of processes, its breakdown and pace, and (for comparison)
/// /api/batches/{id}, which refreshes the counts on read.
/// </summary>
public sealed class ApiReadBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table, IReadOnlyDictionary<int, Guid> seeded)
{
    private const int Calls = 15;

    public async Task RunAsync()
    {
        var rows = options.P4Rows;
        if (!seeded.TryGetValue(rows, out var batchId))
        {
            await using var connection = await servers.OpenAsync();
            batchId = await ProcessRowsSeeder.SeedAsync(connection, rows);
            await ProcessRowsSeeder.VacuumAnalyzeAsync(connection);
        }

        await using var service = await ServiceProcess.StartAsync(servers.ServiceConfiguration(), TimeSpan.FromSeconds(60));
        var client = service.Client;
        await Measure("P4", $"GET /api/process-batches/{{id}}, {rows:N0} processes", $"/api/process-batches/{batchId}");
        await Measure("P4", "GET /api/process-batches/{id}/processes (first page of 50)", $"/api/process-batches/{batchId}/processes");
        await Measure("P4", "GET /api/process-batches/{id}/processes?status=WAITING_FOR_TSQ", $"/api/process-batches/{batchId}/processes?status=WAITING_FOR_TSQ");
        // What the batch page shows besides the batch and its table (issue 12): where its processes are, and its pace.
        // The seeded mix runs 20 % of the batch at once, where the dispatcher's in-flight limit keeps a real batch at
        // 2,000, and the breakdown reads the running processes' steps from their rows: an upper bound, not the page's figure.
        await Measure("(info)", "GET /api/process-batches/{id}/breakdown (20 % of the batch running)", $"/api/process-batches/{batchId}/breakdown");
        await Measure("P4", "GET /api/process-batches/{id}/throughput", $"/api/process-batches/{batchId}/throughput");
        await MeasureRefreshingReadsAsync();
        if (options.Explain)
        {
            await ExplainPageAsync(batchId);
        }

        // A read refreshes the counts at most once a second per batch (README); calls in a row would
        // all but the first skip the recount. Each call here comes 1.1 s after the last, so each recounts.
        async Task MeasureRefreshingReadsAsync()
        {
            const int reads = 7;
            var samples = new List<double>();
            for (var i = 0; i < reads; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1100));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await BatchApi.GetAsync(client, $"/api/batches/{batchId}");
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            samples.Sort();
            table.Add(Figure.Measured("(info)", $"GET /api/batches/{{id}} that recounts, {rows:N0} processes", $"{samples[reads / 2]:F1} ms", "",
                $"median of {reads}, each 1.1 s after the last so the once-a-second throttle lets it recount; loopback HTTP"));
        }

        async Task Measure(string id, string what, string path)
        {
            var median = await Median.OfAsync(Calls, () => BatchApi.GetAsync(client, path));
            table.Add(Figure.Measured(id, what, $"{median:F1} ms", id == "P4" ? "≤ 100 ms" : "", $"median of {Calls}, loopback HTTP"));
        }
    }

    private async Task ExplainPageAsync(Guid batchId)
    {
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT process_id, batch_id, process_type, status, current_step, error_code, error_message, created_at, updated_at, completed_at
            FROM commandbus.process WHERE batch_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY process_id LIMIT 50 OFFSET 0
            """, connection);
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            table.Note($"P4 page plan: {reader.GetString(0).Trim()}");
        }
    }
}
