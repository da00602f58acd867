using Npgsql;
using NpgsqlTypes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// How a StatementReport process is stored in <c>commandbus.process</c>: the one place that writes
/// its status, data and type. The saga's EF map, the batch creator's COPY, the single-process
/// starter and the dispatcher all go through it.
/// </summary>
public static class ProcessRows
{
    /// <summary>The columns <see cref="WriteAsync"/> writes, in its order, for a COPY.</summary>
    public const string CopyColumns = "domain, process_id, process_type, status, state, created_at, updated_at, batch_id";

    /// <summary>A process written before its saga has seen it: <see cref="ProcessStatus.Pending"/>.</summary>
    public static StatementReportState NewPending(Guid processId, Guid? batchId, StatementReportRequest request, DateTimeOffset now) => new()
    {
        CorrelationId = processId,
        CurrentState = ProcessStatus.Pending.StateName(),
        Data = StatementReportData.From(request),
        BatchId = batchId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The stored <c>status</c> of a saga state name.</summary>
    public static string StatusOf(string? stateName) => Stored(ProcessStatusExtensions.FromStateName(stateName));

    /// <summary>The saga state name of a stored <c>status</c>.</summary>
    public static string StateNameOf(string status) => StoryName<ProcessStatus>.Parse(status).StateName();

    /// <summary>A status as the <c>status</c> column holds it, for SQL parameters.</summary>
    public static string Stored(ProcessStatus status) => StoryName<ProcessStatus>.Of(status);

    public static string DataJson(StatementReportData data) => ProcessJson.Serialize(data);

    public static StatementReportData DataFrom(string json) => ProcessJson.Deserialize<StatementReportData>(json);

    /// <summary>Writes one process as a row of a binary COPY into <see cref="CopyColumns"/>.</summary>
    public static async Task WriteAsync(NpgsqlBinaryImporter writer, StatementReportState process, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(process.Domain, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(process.CorrelationId, NpgsqlDbType.Uuid, cancellationToken);
        await writer.WriteAsync(process.ProcessType, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(StatusOf(process.CurrentState), NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(DataJson(process.Data), NpgsqlDbType.Jsonb, cancellationToken);
        await writer.WriteAsync(process.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await writer.WriteAsync(process.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        if (process.BatchId is { } batchId)
        {
            await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }
}
