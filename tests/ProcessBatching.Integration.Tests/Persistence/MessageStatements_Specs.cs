using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_consumed_message_sends_its_statements(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_store_every_column_as_sent_and_nothing_without_a_commit()
    {
        await using var db = new TestProcessDbContext(new DbContextOptionsBuilder<TestProcessDbContext>().UseNpgsql(fixture.ConnectionString).Options);
        var now = DateTime.UtcNow;
        var immediate = new OutboxState { OutboxId = Guid.NewGuid(), CreatedAt = now, DueAt = now, LockedUntil = now.AddSeconds(30) };
        var delayed = new OutboxState { OutboxId = Guid.NewGuid(), CreatedAt = now, DueAt = now.AddMinutes(5) };
        OutboxMessage[] messages =
        [
            Message(immediate, 1, headers: """{"MT-Activity-Id": "00-ab-cd-01"}""", correlationId: Guid.NewGuid(), expiresAt: now.AddHours(1)),
            Message(immediate, 2, headers: null, correlationId: null, expiresAt: null),
            Message(delayed, 1, headers: """{"a": [1, 2]}""", correlationId: Guid.NewGuid(), expiresAt: null),
        ];

        var statements = new MessageStatements();
        statements.Open();
        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            OutboxRows.Add(statements, [immediate, delayed], messages);
            await statements.ExecuteAsync(db, CancellationToken.None);
            (await Stored(db, immediate, delayed)).Count.ShouldBe(3, "visible inside the transaction");
        }

        (await Stored(db, immediate, delayed)).ShouldBeEmpty("rolled back with the message's transaction");

        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            OutboxRows.Add(statements, [immediate, delayed], messages[..1]);
            await statements.ExecuteAsync(db, CancellationToken.None);
            OutboxRows.Add(statements, [], messages[1..]); // later sends continue the outbox
            await statements.ExecuteAsync(db, CancellationToken.None);
            await committed.CommitAsync();
        }

        var stored = await Stored(db, immediate, delayed);
        stored.Select(Columns).ShouldBe(messages.Select(Columns));
        (await ReadPlainly(db, immediate, delayed)).Select(Columns).ShouldBe(messages.Select(Columns), "read back as delivery reads them");
        var outboxes = await db.Set<OutboxState>().AsNoTracking().Where(x => x.OutboxId == immediate.OutboxId || x.OutboxId == delayed.OutboxId)
            .OrderBy(x => x.DueAt).ToListAsync();
        outboxes.Select(x => (x.OutboxId, Micro(x.DueAt), x.LockedUntil)).ShouldBe(
            [(immediate.OutboxId, Micro(immediate.DueAt), Micro(immediate.LockedUntil.Value)), (delayed.OutboxId, Micro(delayed.DueAt), null)]);
    }

    [Fact]
    public async Task Should_leave_an_outbox_written_leased_to_its_writer_until_the_lease_ends()
    {
        await fixture.ResetAsync(); // the claims below take any outbox that is due
        await using var db = new TestProcessDbContext(new DbContextOptionsBuilder<TestProcessDbContext>().UseNpgsql(fixture.ConnectionString).Options);
        var now = DateTime.UtcNow;
        var leased = new OutboxState { OutboxId = Guid.NewGuid(), CreatedAt = now, DueAt = now, LockedUntil = now.AddSeconds(2) };
        var statements = new MessageStatements();
        statements.Open();
        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            OutboxRows.Add(statements, [leased], [Message(leased, 1, headers: null, correlationId: null, expiresAt: null)]);
            await statements.ExecuteAsync(db, CancellationToken.None);
            await committed.CommitAsync();
        }

        var lease = TimeSpan.FromSeconds(30);
        (await OutboxBatch.ClaimAsync(db, 10, lease, CancellationToken.None)).ShouldBeEmpty("the replica that committed it sends it from memory");

        // As if that replica had died before sending it: once the lease ends, any replica claims it.
        await Eventually.Holds(async () => (await OutboxBatch.ClaimAsync(db, 10, lease, CancellationToken.None)).Select(m => m.OutboxId).SequenceEqual([leased.OutboxId]),
            TimeSpan.FromSeconds(10), "the outbox claimed once its lease ended");
    }

    [Fact]
    public async Task Should_refuse_statements_outside_a_consumed_message_and_its_transaction()
    {
        await using var db = new TestProcessDbContext(new DbContextOptionsBuilder<TestProcessDbContext>().UseNpgsql(fixture.ConnectionString).Options);
        var outbox = new OutboxState { OutboxId = Guid.NewGuid(), CreatedAt = DateTime.UtcNow, DueAt = DateTime.UtcNow };
        var statements = new MessageStatements();

        Should.Throw<InvalidOperationException>(() => OutboxRows.Add(statements, [outbox], []), "no message is being consumed");
        statements.Open();
        OutboxRows.Add(statements, [outbox], []);
        await Should.ThrowAsync<InvalidOperationException>(() => statements.ExecuteAsync(db, CancellationToken.None), "no transaction is open");
        statements.Close();
        Should.Throw<InvalidOperationException>(() => OutboxRows.Add(statements, [outbox], []), "the message was saved and closed");
    }

    /// <summary>The two outboxes' messages, the first outbox's before the second's, each in send order.</summary>
    private static async Task<List<OutboxMessage>> Stored(DbContext db, OutboxState first, OutboxState second)
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(x => x.OutboxId == first.OutboxId || x.OutboxId == second.OutboxId).ToListAsync();
        return [.. rows.OrderBy(x => x.OutboxId == first.OutboxId ? 0 : 1).ThenBy(x => x.SequenceNumber)];
    }

    /// <summary>Through <see cref="MappedRows{TEntity}"/>, the reader outbox delivery claims its messages with.</summary>
    private static async Task<List<OutboxMessage>> ReadPlainly(DbContext db, OutboxState first, OutboxState second)
    {
        var (table, columns) = MappedColumns.Of<OutboxMessage>(db.Model);
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = new Npgsql.NpgsqlCommand(
                $"SELECT {columns} FROM {table} WHERE outbox_id = ANY($1) ORDER BY outbox_id = $2 DESC, sequence_number",
                (Npgsql.NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]> { TypedValue = [first.OutboxId, second.OutboxId] });
            command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = first.OutboxId });
            return await MappedRows<OutboxMessage>.For(db.Model).ReadAsync(command, CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static OutboxMessage Message(OutboxState outbox, int sequenceNumber, string? headers, Guid? correlationId, DateTime? expiresAt) => new()
    {
        OutboxId = outbox.OutboxId,
        SequenceNumber = sequenceNumber,
        MessageId = Guid.NewGuid(),
        DestinationAddress = "rabbitmq://localhost/processes",
        ContentType = "application/vnd.masstransit+json",
        MessageType = "urn:message:ProcessBatching.Contracts:StepCompleted",
        Body = $$$"""{"message": {"sequence": {{{sequenceNumber}}}}}""",
        Headers = headers,
        Properties = sequenceNumber == 1 ? """{"Persistent": true}""" : null,
        ConversationId = Guid.NewGuid(),
        CorrelationId = correlationId,
        InitiatorId = null,
        RequestId = sequenceNumber == 2 ? Guid.NewGuid() : null,
        SourceAddress = "rabbitmq://localhost/workers",
        ResponseAddress = null,
        FaultAddress = sequenceNumber == 2 ? "rabbitmq://localhost/faults" : null,
        SentTime = outbox.CreatedAt,
        ExpirationTime = expiresAt,
    };

    /// <summary>Every column; jsonb compared as PostgreSQL normalises it, times to PostgreSQL's microseconds.</summary>
    private static string Columns(OutboxMessage m) => string.Join(" | ",
        m.OutboxId, m.SequenceNumber, m.MessageId, m.DestinationAddress, m.ContentType, m.MessageType, m.Body,
        Json(m.Headers), Json(m.Properties), m.ConversationId, m.CorrelationId, m.InitiatorId, m.RequestId, m.SourceAddress,
        m.ResponseAddress, m.FaultAddress, Micro(m.SentTime), m.ExpirationTime is { } expires ? Micro(expires) : null);

    private static string? Json(string? json) => json is null ? null : JsonNode.Parse(json)!.ToJsonString();

    private static DateTime Micro(DateTime time) => new(time.Ticks - time.Ticks % 10, DateTimeKind.Utc);
}
