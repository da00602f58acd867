using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// The delivery service's two round trips per batch. Claiming leases whole outboxes (so one
/// outbox is only ever sent by one replica, in order) in a statement of its own: SKIP LOCKED lets
/// replicas take different outboxes, and no transaction stays open while the broker is called.
/// </summary>
public static class OutboxBatch
{
    private static string? _claim;

    private static string ClaimStatement(IModel model) => $$"""
        WITH claimed AS (
            UPDATE commandbus.outbox_state SET locked_until = now() + $2
            WHERE outbox_id IN (
                SELECT outbox_id FROM commandbus.outbox_state
                WHERE due_at <= now() AND (locked_until IS NULL OR locked_until < now())
                ORDER BY due_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED)
            RETURNING outbox_id)
        SELECT {{MappedColumns.Of<OutboxMessage>(model, "m").Columns}} FROM commandbus.outbox_message m JOIN claimed c ON c.outbox_id = m.outbox_id
        ORDER BY m.outbox_id, m.sequence_number
        """;

    // Delivered outboxes go (their messages with them, by the table's trigger, V015); one that stopped part-way loses the messages
    // it sent and is tried again after a short back-off (the broker is likely restarting).
    private const string Complete = """
        DELETE FROM commandbus.outbox_state WHERE outbox_id = ANY({0});
        DELETE FROM commandbus.outbox_message m USING unnest({1}, {2}) AS sent(outbox_id, sequence_number)
        WHERE m.outbox_id = sent.outbox_id AND m.sequence_number <= sent.sequence_number;
        UPDATE commandbus.outbox_state SET locked_until = now() + {4} WHERE outbox_id = ANY({3});
        """;

    // A long outbox (a command batch sends thousands of commands from one) keeps its lease while it is
    // sent, and what was sent is gone should the sender die: another replica resumes after it.
    private const string Checkpoint = """
        DELETE FROM commandbus.outbox_message WHERE outbox_id = {0} AND sequence_number <= {1};
        UPDATE commandbus.outbox_state SET locked_until = now() + {2} WHERE outbox_id = {0};
        """;

    /// <summary>A plain Npgsql reader, not an EF Core query: it runs once per delivery, about once per commit.</summary>
    public static async Task<List<OutboxMessage>> ClaimAsync(DbContext db, int outboxes, TimeSpan lease, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(_claim ??= ClaimStatement(db.Model), (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = outboxes });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease });
            return await MappedRows<OutboxMessage>.For(db.Model).ReadAsync(command, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static Task CheckpointAsync(DbContext db, Guid outboxId, int lastSent, TimeSpan lease, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(Checkpoint, [outboxId, lastSent, lease], cancellationToken);

    public static Task CompleteAsync(DbContext db, IReadOnlyCollection<OutboxDelivery> deliveries, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var delivered = deliveries.Where(d => d.Complete).Select(d => d.OutboxId).ToArray();
        var partly = deliveries.Where(d => !d.Complete && d.LastSent > 0).ToArray();
        var stopped = deliveries.Where(d => !d.Complete).Select(d => d.OutboxId).ToArray();
        return db.Database.ExecuteSqlRawAsync(Complete,
            [delivered, partly.Select(d => d.OutboxId).ToArray(), partly.Select(d => d.LastSent).ToArray(), stopped, retryAfter], cancellationToken);
    }
}

/// <summary>How far the sending of one outbox got: all of it, or up to <see cref="LastSent"/>.</summary>
public sealed record OutboxDelivery(Guid OutboxId, int LastSent, bool Complete);
