using Npgsql;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>
/// An outbox's messages go with it, one statement per DELETE of outboxes (V015), whoever deletes it:
/// the delivery service, a replica of an earlier version, an operator by hand. Bodies are compressed by lz4 (V016).
/// </summary>
[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_outboxes_are_deleted(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_take_their_messages_with_them_and_leave_every_other_outbox_whole()
    {
        Guid delivered = Guid.NewGuid(), partly = Guid.NewGuid(), stopped = Guid.NewGuid(), byHand = Guid.NewGuid();
        Guid[] outboxes = [delivered, partly, stopped, byHand];
        foreach (var outbox in outboxes)
        {
            await fixture.ExecuteAsync(InsertOutbox(outbox, messages: 2));
        }

        await using (var db = fixture.NewDbContext())
        {
            await OutboxBatch.CompleteAsync(db,
                [new OutboxDelivery(delivered, 2, Complete: true), new OutboxDelivery(partly, 1, Complete: false), new OutboxDelivery(stopped, 0, Complete: false)],
                TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        await fixture.ExecuteAsync($"DELETE FROM commandbus.outbox_state WHERE outbox_id = '{byHand}'");

        var ids = string.Join(",", outboxes.Select(id => $"'{id}'"));
        var messages = await fixture.QueryAsync(
            $"SELECT outbox_id, sequence_number FROM commandbus.outbox_message WHERE outbox_id IN ({ids})",
            reader => (reader.GetGuid(0), reader.GetInt32(1)));
        messages.ShouldBe([(partly, 2), (stopped, 1), (stopped, 2)], ignoreOrder: true,
            "a delivered outbox and one deleted by hand lose their messages; a partly sent one keeps what it did not send");
        var left = await fixture.QueryAsync($"SELECT outbox_id FROM commandbus.outbox_state WHERE outbox_id IN ({ids})", reader => reader.GetGuid(0));
        left.ShouldBe([partly, stopped], ignoreOrder: true);

        await fixture.ExecuteAsync($"DELETE FROM commandbus.outbox_state WHERE outbox_id IN ({ids})"); // nothing left for the next spec to deliver
    }

    [Fact]
    public async Task Should_find_their_messages_by_key_however_much_the_table_grew_since_the_last_delete()
    {
        // A quiet moment: the table holds one message, and its statistics say so. A delivery deletes it.
        await fixture.ResetAsync();
        await using var connection = await fixture.OpenConnectionAsync();
        var first = Guid.NewGuid();
        await Execute(connection, InsertOutbox(first, messages: 1) + "; ANALYZE commandbus.outbox_message");
        await Execute(connection, $"DELETE FROM commandbus.outbox_state WHERE outbox_id = '{first}'");

        // Then a long outbox arrives (a command batch's), and the statistics are still the quiet moment's.
        var longOutbox = Guid.NewGuid();
        await fixture.ExecuteAsync(InsertOutbox(longOutbox, messages: 20_000));
        var delivered = Guid.NewGuid();
        await fixture.ExecuteAsync(InsertOutbox(delivered, messages: 2));

        // On the connection that deleted before: a plan kept from then would read every row of the table.
        await using var transaction = await connection.BeginTransactionAsync();
        var before = await Scans(connection);
        await Execute(connection, $"DELETE FROM commandbus.outbox_state WHERE outbox_id = '{delivered}'");
        var after = await Scans(connection);
        (after.Sequential - before.Sequential, after.ByIndex > before.ByIndex)
            .ShouldBe((0L, true), "the messages are found through the key, not by reading the table");
        await transaction.CommitAsync();
        (await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.outbox_message WHERE outbox_id = '{delivered}'")).ShouldBe(0);

        await fixture.ExecuteAsync($"DELETE FROM commandbus.outbox_state WHERE outbox_id = '{longOutbox}'");
    }

    /// <summary>An outbox of <paramref name="messages"/> messages, each body the SQL expression <paramref name="body"/>, due in an hour (no delivery takes it).</summary>
    internal static string InsertOutbox(Guid outboxId, int messages, string body = "'{}'") => $$"""
        INSERT INTO commandbus.outbox_state (outbox_id, created_at, due_at, locked_until) VALUES ('{{outboxId}}', now(), now() + interval '1 hour', NULL);
        INSERT INTO commandbus.outbox_message (outbox_id, sequence_number, message_id, destination_address, content_type, message_type, body, sent_time)
        SELECT '{{outboxId}}', n, gen_random_uuid(), 'queue:nowhere', 'application/json', 'urn:message:Test', {{body}}, now()
        FROM generate_series(1, {{messages}}) AS n
        """;

    // This backend's scans of the table not yet reported to the statistics, its own transaction's among them.
    private static async Task<(long Sequential, long ByIndex)> Scans(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE schemaname = 'commandbus' AND relname = 'outbox_message'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_message_body_is_too_large_to_keep_as_it_is(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_be_compressed_by_lz4_where_the_server_has_it()
    {
        var outboxId = Guid.NewGuid();
        await fixture.ExecuteAsync(When_outboxes_are_deleted.InsertOutbox(outboxId, messages: 1, body: """repeat('{"step":"query"}', 200)"""));
        var method = await fixture.ScalarAsync<string>($"SELECT pg_column_compression(body) FROM commandbus.outbox_message WHERE outbox_id = '{outboxId}'");
        await fixture.ExecuteAsync($"DELETE FROM commandbus.outbox_state WHERE outbox_id = '{outboxId}'");

        // Debian's and the official images' servers are built with lz4; the migration leaves pglz where it is not.
        method.ShouldBe("lz4", "a 3 kB body is compressed as its row is inserted, by the method the column names");
    }
}
