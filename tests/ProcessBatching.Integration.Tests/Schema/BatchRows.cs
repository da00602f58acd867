using Npgsql;

namespace ProcessBatching.Integration.Tests.Schema;

/// <summary>
/// Writes batches, processes and commands the way the service does (plain rows in
/// <c>commandbus</c>) and calls the stats refresh, so the specs read as batch scenarios.
/// </summary>
public static class BatchRows
{
    public const string Domain = "reporting";

    public static async Task<Guid> InsertBatchAsync(this NpgsqlConnection connection, string batchType, int totalCount)
    {
        var batchId = Guid.NewGuid();
        await connection.ExecuteAsync(
            "INSERT INTO commandbus.batch (domain, batch_id, name, batch_type, total_count) VALUES (@domain, @batch, 'spec', @type, @total)",
            ("domain", Domain), ("batch", batchId), ("type", batchType), ("total", totalCount));
        return batchId;
    }

    public static async Task InsertProcessesAsync(this NpgsqlConnection connection, Guid batchId, params string[] statuses)
    {
        foreach (var status in statuses)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO commandbus.process (domain, process_id, process_type, status, state, created_at, updated_at, batch_id)
                VALUES (@domain, gen_random_uuid(), 'StatementReport', @status, '{}', now(), now(), @batch)
                """,
                ("domain", Domain), ("status", status), ("batch", batchId));
        }
    }

    public static async Task InsertCommandsAsync(this NpgsqlConnection connection, Guid batchId, params string[] statuses)
    {
        foreach (var status in statuses)
        {
            await connection.ExecuteAsync(
                "INSERT INTO commandbus.command (domain, command_id, command_type, status, batch_id) VALUES (@domain, gen_random_uuid(), 'StatementQuery', @status, @batch)",
                ("domain", Domain), ("status", status), ("batch", batchId));
        }
    }

    public static Task SetProcessStatusAsync(this NpgsqlConnection connection, Guid batchId, string from, string to) =>
        connection.ExecuteAsync(
            "UPDATE commandbus.process SET status = @to, updated_at = now() WHERE batch_id = @batch AND status = @from",
            ("to", to), ("batch", batchId), ("from", from));

    public static async Task<BatchStats?> RefreshBatchStatsAsync(this NpgsqlConnection connection, Guid batchId)
    {
        await using var command = new NpgsqlCommand(
            "SELECT * FROM commandbus.sp_refresh_batch_stats(@domain, @batch)", connection) { CommandTimeout = 10 };
        command.Parameters.AddWithValue("domain", Domain);
        command.Parameters.AddWithValue("batch", batchId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new BatchStats(
            reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetDateTime(6),
            reader.IsDBNull(7) ? null : reader.GetDateTime(7),
            reader.GetBoolean(8));
    }
}
