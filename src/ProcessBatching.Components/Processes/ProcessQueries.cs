using System.Text.Json;
using Npgsql;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Processes;

/// <summary>Read side of one process: its saga row and its audit trail, in one round trip.</summary>
public sealed class ProcessQueries(NpgsqlDataSource dataSource)
{
    public async Task<ProcessDetail?> GetProcessAsync(Guid processId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            """
            SELECT process_id, batch_id, process_type, status, current_step, state::text, error_code, error_message,
                   created_at, updated_at, completed_at
            FROM commandbus.process WHERE process_id = $1
            """, processId));
        // ix_process_audit_process_id_sent_at serves both the filter and the order.
        batch.BatchCommands.Add(Command(
            """
            SELECT step_name, command_id, command_type, command_data::text, sent_at, reply_outcome, reply_data::text, received_at
            FROM commandbus.process_audit WHERE process_id = $1 ORDER BY sent_at, id
            """, processId));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var process = (
            Id: reader.GetGuid(0),
            BatchId: reader.IsDBNull(1) ? (Guid?)null : reader.GetGuid(1),
            Type: reader.GetString(2),
            Status: StoryName<ProcessStatus>.Parse(reader.GetString(3)),
            Step: NullableString(reader, 4),
            State: Json(reader.GetString(5)),
            ErrorCode: NullableString(reader, 6),
            ErrorMessage: NullableString(reader, 7),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(8),
            UpdatedAt: reader.GetFieldValue<DateTimeOffset>(9),
            CompletedAt: NullableTime(reader, 10));

        await reader.NextResultAsync(cancellationToken);
        var trail = new List<ProcessAuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            trail.Add(new ProcessAuditEntry(
                reader.GetString(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : Json(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                NullableString(reader, 5),
                reader.IsDBNull(6) ? null : FaultDetails.Withhold(Json(reader.GetString(6))),
                NullableTime(reader, 7)));
        }

        return new ProcessDetail(
            process.Id, process.BatchId, process.Type, process.Status, process.Step, process.State, process.ErrorCode,
            process.ErrorMessage, process.CreatedAt, process.UpdatedAt, process.CompletedAt, trail);
    }

    private static NpgsqlBatchCommand Command(string sql, Guid processId) =>
        new(sql) { Parameters = { new() { Value = processId } } };

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
