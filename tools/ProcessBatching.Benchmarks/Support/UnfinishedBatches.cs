using Npgsql;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// Takes a batch that will not run to its end out of the run's database: left there, the next step's
/// service (with the batches role) would go on dispatching it, oldest first, ahead of its own batch.
/// </summary>
public static class UnfinishedBatches
{
    public static async Task RemoveAsync(BenchmarkServers servers, Guid[] batches)
    {
        await using var connection = await servers.OpenAsync();
        foreach (var sql in new[]
        {
            "DELETE FROM commandbus.batch_dispatch WHERE batch_id = ANY($1)",
            "DELETE FROM commandbus.process WHERE batch_id = ANY($1)",
            "DELETE FROM commandbus.batch WHERE batch_id = ANY($1)",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            command.Parameters.Add(new() { Value = batches });
            await command.ExecuteNonQueryAsync();
        }
    }
}
