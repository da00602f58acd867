using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Batches;

/// <summary>An operator's action on a whole batch (a <c>batch_audit</c> row): which, who asked, when, with what.</summary>
public sealed record BatchOperatorAction(string Action, OperatorIdentity RequestedBy, DateTimeOffset RequestedAt, JsonElement? Details);

/// <summary>The names of the batch actions in the audit trail and the log.</summary>
public static class BatchActions
{
    public const string RetryBlocked = "RETRY_BLOCKED";
    public const string Cancel = "CANCEL";
    public const string Pause = "PAUSE";
    public const string Resume = "RESUME";
    public const string RerunFailed = "RERUN_FAILED";
}

/// <summary>The batch's audit trail (<c>commandbus.batch_audit</c>), written in the action's own transaction.</summary>
public static class BatchAudit
{
    /// <summary>How many actions a batch shows, the latest ones.</summary>
    public const int Shown = 100;

    public static NpgsqlBatchCommand Insert(Guid batchId, string action, OperatorIdentity requestedBy, object? details) =>
        new(
            """
            INSERT INTO commandbus.batch_audit (domain, batch_id, action, requested_by, details)
            VALUES ($1, $2, $3, $4, $5)
            """)
        {
            Parameters =
            {
                new() { Value = ProcessDomain.Name },
                new() { Value = batchId },
                new() { Value = action },
                new() { Value = ProcessJson.Serialize(requestedBy), NpgsqlDbType = NpgsqlDbType.Jsonb },
                new() { Value = details is null ? DBNull.Value : JsonSerializer.Serialize(details, details.GetType(), ProcessJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        };

    /// <summary>The batch's latest <see cref="Shown"/> actions, oldest first.</summary>
    public static async Task<IReadOnlyList<BatchOperatorAction>> ReadAsync(NpgsqlDataSource dataSource, Guid batchId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ReadCommand(batchId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken);
    }

    /// <summary>The statement of <see cref="ReadAsync(NpgsqlDataSource, Guid, CancellationToken)"/>, for a batch of reads.</summary>
    internal static NpgsqlBatchCommand ReadCommand(Guid batchId) =>
        new(
            $"""
            SELECT action, requested_by::text, details::text, requested_at FROM (
                SELECT id, action, requested_by, details, requested_at FROM commandbus.batch_audit
                WHERE batch_id = $1 ORDER BY requested_at DESC, id DESC LIMIT {Shown}) latest
            ORDER BY requested_at, id
            """)
        {
            Parameters = { new() { Value = batchId } },
        };

    /// <summary>The actions <see cref="ReadCommand"/> selected; leaves the reader at the next result.</summary>
    internal static async Task<IReadOnlyList<BatchOperatorAction>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var actions = new List<BatchOperatorAction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            actions.Add(new BatchOperatorAction(
                reader.GetString(0),
                ProcessJson.Deserialize<OperatorIdentity>(reader.GetString(1)),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(2) ? null : Json(reader.GetString(2))));
        }

        await reader.NextResultAsync(cancellationToken);
        return actions;
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
