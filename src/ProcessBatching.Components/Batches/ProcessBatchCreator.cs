using Npgsql;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Writes a process batch in one transaction: the batch row, every process row (PENDING, streamed
/// with binary COPY) and its dispatch cursor. A batch id that exists already creates nothing.
/// </summary>
public sealed class ProcessBatchCreator(NpgsqlDataSource dataSource, ProcessDispatchSignal dispatchSignal, TimeProvider clock)
{
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
            dispatch.Parameters.Add(new() { Value = ProcessDomain.Name });
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
        command.Parameters.Add(new() { Value = ProcessDomain.Name });
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
            $"COPY commandbus.process ({ProcessRows.CopyColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var index = 0; index < plan.Count; index++)
        {
            await ProcessRows.WriteAsync(writer, ProcessRows.NewPending(plan.ProcessIdAt(index), plan.BatchId, plan.RequestAt(index), now), cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
