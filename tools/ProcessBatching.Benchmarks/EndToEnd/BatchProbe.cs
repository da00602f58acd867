using Npgsql;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>Reads a batch's progress straight from the run's database, as cheaply as the indexes allow.</summary>
public sealed class BatchProbe(BenchmarkServers servers)
{
    private static readonly string[] Started =
        ["IN_PROGRESS", "WAITING_FOR_REPLY", "WAITING_FOR_TSQ", "COMPENSATING", "COMPLETED", "COMPENSATED", "FAILED", "CANCELED"];

    public static readonly IReadOnlySet<string> Finished = new HashSet<string> { "COMPLETED", "COMPENSATED", "FAILED", "CANCELED" };

    /// <summary>Whether any process of the batch has left PENDING (one probe of ix_process_batch_status per status).</summary>
    public async Task<bool> AnyStartedAsync(Guid batchId) =>
        (bool)(await ScalarAsync("SELECT EXISTS (SELECT 1 FROM commandbus.process WHERE batch_id = $1 AND status = ANY($2))", batchId, Started))!;

    /// <summary>Processes per status (one index-only range, as the stats refresh reads it); any change is progress.</summary>
    public async Task<SortedDictionary<string, long>> StatusesAsync(Guid batchId)
    {
        Interlocked.Increment(ref PgActivity.ToolQueries);
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status, count(*) FROM commandbus.process WHERE batch_id = $1 GROUP BY status", connection);
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new SortedDictionary<string, long>();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetString(0)] = reader.GetInt64(1);
        }

        return statuses;
    }

    /// <summary>
    /// Step replies the batch's processes have received: a process moving from one step to the next
    /// stays WAITING_FOR_REPLY, so only this shows that a batch whose processes all wait still moves.
    /// </summary>
    public async Task<long> RepliesAsync(Guid batchId)
    {
        Interlocked.Increment(ref PgActivity.ToolQueries);
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM commandbus.process_audit a JOIN commandbus.process p ON p.process_id = a.process_id
            WHERE p.batch_id = $1 AND a.received_at IS NOT NULL
            """, connection);
        command.Parameters.Add(new() { Value = batchId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Processes handed out and not finished (no PENDING, no end status): a range of ix_process_batch_status per status.</summary>
    public async Task<long> InFlightAsync(Guid batchId) =>
        (long)(await ScalarAsync("SELECT count(*) FROM commandbus.process WHERE batch_id = $1 AND status = ANY($2)", batchId, [.. Started.Except(Finished)]))!;

    /// <summary>One value about the batch's processes in the given statuses ($1 the batch, $2 the statuses).</summary>
    private async Task<object?> ScalarAsync(string sql, Guid batchId, string[] statuses)
    {
        Interlocked.Increment(ref PgActivity.ToolQueries);
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = statuses });
        return await command.ExecuteScalarAsync();
    }

    public async Task<string> BatchStatusAsync(Guid batchId)
    {
        Interlocked.Increment(ref PgActivity.ToolQueries);
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM commandbus.batch WHERE batch_id = $1", connection);
        command.Parameters.Add(new() { Value = batchId });
        return await command.ExecuteScalarAsync() as string ?? "MISSING";
    }
}
