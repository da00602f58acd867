using Npgsql;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>Reads a batch's progress straight from the run's database, as cheaply as the indexes allow.</summary>
public sealed class BatchProbe(BenchmarkServers servers)
{
    private static readonly string[] Started =
        ["IN_PROGRESS", "WAITING_FOR_REPLY", "WAITING_FOR_TSQ", "COMPENSATING", "COMPLETED", "COMPENSATED", "FAILED", "CANCELED"];

    private static readonly string[] Finished = ["COMPLETED", "COMPENSATED", "FAILED", "CANCELED"];

    /// <summary>Whether any process of the batch has left PENDING (one probe of ix_process_batch_status per status).</summary>
    public Task<bool> AnyStartedAsync(Guid batchId) =>
        ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM commandbus.process WHERE batch_id = $1 AND status = ANY($2))", batchId, Started);

    public Task<long> FinishedAsync(Guid batchId) =>
        ScalarAsync<long>("SELECT count(*) FROM commandbus.process WHERE batch_id = $1 AND status = ANY($2)", batchId, Finished);

    public async Task<string> BatchStatusAsync(Guid batchId) =>
        await ScalarAsync<string?>("SELECT status FROM commandbus.batch WHERE batch_id = $1", batchId, null) ?? "MISSING";

    private async Task<T> ScalarAsync<T>(string sql, Guid batchId, string[]? statuses)
    {
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = batchId });
        if (statuses is not null)
        {
            command.Parameters.Add(new() { Value = statuses });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }
}
