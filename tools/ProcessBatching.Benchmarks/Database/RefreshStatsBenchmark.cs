using System.Diagnostics;
using Npgsql;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.Database;

/// <summary>
/// P2, database half: how long one <c>sp_refresh_batch_stats</c> takes on open batches of growing
/// size, right after VACUUM ANALYZE (index-only) and on the largest one again after a tenth of its
/// rows changed (what a refresh meets mid-run, before autovacuum has caught up).
/// </summary>
public sealed class RefreshStatsBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table)
{
    private const string Target = "≤ 250 ms on 1,000,000";
    private const int Calls = 7;

    /// <summary>Batches written here, by row count, so P4 can read the largest without writing it again.</summary>
    public Dictionary<int, Guid> Batches { get; } = [];

    public async Task RunAsync()
    {
        await using var connection = await servers.OpenAsync();
        foreach (var rows in options.P2Rows.Order())
        {
            var clock = Stopwatch.StartNew();
            var batchId = await ProcessRowsSeeder.SeedAsync(connection, rows);
            await ProcessRowsSeeder.VacuumAnalyzeAsync(connection);
            Batches[rows] = batchId;
            var median = await Median.OfAsync(Calls, () => RefreshAsync(connection, batchId));
            table.Add(Figure.Measured("P2", $"sp_refresh_batch_stats, {rows:N0} process rows, median of {Calls}", $"{median:F1} ms", Target,
                $"rows written + VACUUM ANALYZE in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        var largest = options.P2Rows.Max();
        await ProcessRowsSeeder.ChurnAsync(connection, Batches[largest], largest);
        var churned = await Median.OfAsync(Calls, () => RefreshAsync(connection, Batches[largest]));
        table.Add(Figure.Measured("P2", $"the same on {largest:N0} rows after {largest / 10:N0} of them changed, no VACUUM",
            $"{churned:F1} ms", Target, "heap fetches where the visibility map is stale"));
        if (options.Explain)
        {
            await ExplainAsync(connection, Batches[largest]);
        }
    }

    /// <summary>One refresh, in its own transaction as the progress consumer makes it.</summary>
    public static async Task RefreshAsync(NpgsqlConnection connection, Guid batchId)
    {
        await using var command = new NpgsqlCommand("SELECT * FROM commandbus.sp_refresh_batch_stats('reporting', $1)", connection);
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private async Task ExplainAsync(NpgsqlConnection connection, Guid batchId)
    {
        await using var command = new NpgsqlCommand(
            """
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT p.status, count(*) FROM commandbus.process p WHERE p.batch_id = $1 GROUP BY p.status
            """, connection);
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            table.Note($"P2 plan: {reader.GetString(0).Trim()}");
        }
    }
}
