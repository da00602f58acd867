using Npgsql;
using NpgsqlTypes;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Outbox rows as two statements of the message's round trip (<see cref="MessageStatements"/>): one
/// per table, an array per column, unnested. The text is the same for any number of rows, so the
/// connection prepares it once; EF Core's change tracker would generate SQL and a parameter per
/// column of every row, on every saga message.
/// </summary>
public static class OutboxRows
{
    private const string InsertOutboxes = """
        INSERT INTO commandbus.outbox_state (outbox_id, created_at, due_at, locked_until)
        SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[])
        """;

    private const string InsertMessages = """
        INSERT INTO commandbus.outbox_message (outbox_id, sequence_number, message_id, destination_address, content_type,
            message_type, body, headers, properties, conversation_id, correlation_id, initiator_id, request_id,
            source_address, response_address, fault_address, sent_time, expiration_time)
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::jsonb[], $9::jsonb[], $10::uuid[], $11::uuid[], $12::uuid[], $13::uuid[], $14::text[], $15::text[],
            $16::text[], $17::timestamptz[], $18::timestamptz[])
        """;

    public static void Add(MessageStatements statements, IReadOnlyList<OutboxState> outboxes, IReadOnlyList<OutboxMessage> messages)
    {
        if (outboxes.Count > 0)
        {
            statements.Add(InsertOutboxes,
                Column(outboxes, x => x.OutboxId, NpgsqlDbType.Uuid),
                Column(outboxes, x => x.CreatedAt, NpgsqlDbType.TimestampTz),
                Column(outboxes, x => x.DueAt, NpgsqlDbType.TimestampTz),
                Column(outboxes, x => x.LockedUntil, NpgsqlDbType.TimestampTz));
        }

        if (messages.Count > 0)
        {
            statements.Add(InsertMessages,
                Column(messages, x => x.OutboxId, NpgsqlDbType.Uuid),
                Column(messages, x => x.SequenceNumber, NpgsqlDbType.Integer),
                Column(messages, x => x.MessageId, NpgsqlDbType.Uuid),
                Column(messages, x => x.DestinationAddress, NpgsqlDbType.Text),
                Column(messages, x => x.ContentType, NpgsqlDbType.Text),
                Column(messages, x => x.MessageType, NpgsqlDbType.Text),
                Column(messages, x => x.Body, NpgsqlDbType.Text),
                Column(messages, x => x.Headers, NpgsqlDbType.Jsonb),
                Column(messages, x => x.Properties, NpgsqlDbType.Jsonb),
                Column(messages, x => x.ConversationId, NpgsqlDbType.Uuid),
                Column(messages, x => x.CorrelationId, NpgsqlDbType.Uuid),
                Column(messages, x => x.InitiatorId, NpgsqlDbType.Uuid),
                Column(messages, x => x.RequestId, NpgsqlDbType.Uuid),
                Column(messages, x => x.SourceAddress, NpgsqlDbType.Text),
                Column(messages, x => x.ResponseAddress, NpgsqlDbType.Text),
                Column(messages, x => x.FaultAddress, NpgsqlDbType.Text),
                Column(messages, x => x.SentTime, NpgsqlDbType.TimestampTz),
                Column(messages, x => x.ExpirationTime, NpgsqlDbType.TimestampTz));
        }
    }

    private static NpgsqlParameter<TValue[]> Column<TRow, TValue>(IReadOnlyList<TRow> rows, Func<TRow, TValue> value, NpgsqlDbType type)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(rows[i]);
        }

        return new NpgsqlParameter<TValue[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type };
    }
}
