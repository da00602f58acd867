using Npgsql;
using NpgsqlTypes;
using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Writes a process batch in one transaction: the batch row, every process row (PENDING, streamed
/// with binary COPY) and its dispatch cursor. A batch id that exists already creates nothing.
/// </summary>
public sealed class ProcessBatchCreator(NpgsqlDataSource dataSource, ProcessDispatchSignal dispatchSignal, TimeProvider clock)
{
    public const string Domain = "reporting";
    public const string ProcessType = "StatementReport";

    public async Task<bool> CreateAsync(ProcessBatchPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (!await InsertBatchAsync(connection, plan, cancellationToken))
        {
            return false;
        }

        await CopyProcessesAsync(connection, plan, cancellationToken);
        await using (var dispatch = new NpgsqlCommand(
            "INSERT INTO commandbus.batch_dispatch (batch_id, domain, total_count, trace_parent) VALUES ($1, $2, $3, $4)", connection))
        {
            dispatch.Parameters.Add(new() { Value = plan.BatchId });
            dispatch.Parameters.Add(new() { Value = Domain });
            dispatch.Parameters.Add(new() { Value = plan.Count });
            dispatch.Parameters.Add(new() { Value = DispatchTrace.Current() ?? (object)DBNull.Value });
            await dispatch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        dispatchSignal.Notify();
        return true;
    }

    private async Task<bool> InsertBatchAsync(NpgsqlConnection connection, ProcessBatchPlan plan, CancellationToken cancellationToken)
    {
        // A concurrent request for the same id waits here on the primary key until the first commits.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO commandbus.batch (domain, batch_id, name, status, batch_type, total_count, created_at)
            VALUES ($1, $2, $3, 'PENDING', 'PROCESS', $4, $5)
            ON CONFLICT (domain, batch_id) DO NOTHING
            """, connection);
        command.Parameters.Add(new() { Value = Domain });
        command.Parameters.Add(new() { Value = plan.BatchId });
        command.Parameters.Add(new() { Value = plan.Name });
        command.Parameters.Add(new() { Value = plan.Count });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task CopyProcessesAsync(NpgsqlConnection connection, ProcessBatchPlan plan, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY commandbus.process (domain, process_id, process_type, status, state, created_at, updated_at, batch_id)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        for (var index = 0; index < plan.Count; index++)
        {
            var processId = plan.ProcessIdAt(index);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(Domain, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(processId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(ProcessType, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync("PENDING", NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(ProcessJson.Serialize(StatementReportData.From(plan.RequestAt(index))), NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(plan.BatchId, NpgsqlDbType.Uuid, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
