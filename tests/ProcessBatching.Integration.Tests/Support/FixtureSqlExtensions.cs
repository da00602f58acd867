using Npgsql;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Short SQL helpers for asserting on the fixture's database.</summary>
public static class FixtureSqlExtensions
{
    public static async Task<T> ScalarAsync<T>(this IntegrationFixture fixture, string sql)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(this IntegrationFixture fixture, string sql)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<T>> QueryAsync<T>(this IntegrationFixture fixture, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Waits until everything the service wrote to its outbox that is due has reached the broker
    /// (a delayed send, such as a step deadline, waits for its time): a message that any of them
    /// published is in its queues by then.
    /// </summary>
    public static Task OutboxDeliveredAsync(this IntegrationFixture fixture) =>
        Eventually.UntilAsync(
            () => fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.outbox_state WHERE due_at <= now()"), n => n == 0,
            waitingFor: "the outbox to deliver every due message");
}
