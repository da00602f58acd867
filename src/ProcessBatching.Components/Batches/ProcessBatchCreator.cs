using Npgsql;
using ProcessBatching.Components.Processes;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Writes a process batch in one transaction: the batch row, every process row (PENDING, streamed
/// with binary COPY) and its dispatch cursor. A batch id that exists already creates nothing.
/// </summary>
public sealed class ProcessBatchCreator(NpgsqlDataSource dataSource, ProcessDispatchSignal dispatchSignal, TimeProvider clock)
{
    /// <summary>
    /// Writes the batch; false when one with its id exists. <paramref name="alsoWrite"/> (an audit
    /// row, say) runs in the same transaction once the batch is written.
    /// </summary>
    public async Task<bool> CreateAsync(ProcessBatchPlan plan, CancellationToken cancellationToken, Func<NpgsqlConnection, Task>? alsoWrite = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (!await InsertBatchAsync(connection, plan, cancellationToken))
        {
            return false;
        }

        if (plan.ReadRequests is null)
        {
            await CopyProcessesAsync(connection, plan, cancellationToken);
        }
        else
        {
            await CopyReadProcessesAsync(connection, plan, plan.ReadRequests, cancellationToken);
        }

        if (alsoWrite is not null)
        {
            await alsoWrite(connection);
        }

        await using (var dispatch = new NpgsqlCommand(
            "INSERT INTO commandbus.batch_dispatch (batch_id, domain, total_count, trace_parent, ids_in_batch_order) VALUES ($1, $2, $3, $4, true)", connection))
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
            INSERT INTO commandbus.batch (domain, batch_id, name, status, batch_type, total_count, created_at, parent_batch_id)
            VALUES ($1, $2, $3, 'PENDING', 'PROCESS', $4, $5, $6)
            ON CONFLICT (domain, batch_id) DO NOTHING
            """, connection);
        command.Parameters.Add(new() { Value = ProcessDomain.Name });
        command.Parameters.Add(new() { Value = plan.BatchId });
        command.Parameters.Add(new() { Value = plan.Name });
        command.Parameters.Add(new() { Value = plan.Count });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        command.Parameters.Add(new() { Value = (object?)plan.ParentBatchId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
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

    private async Task CopyReadProcessesAsync(
        NpgsqlConnection connection, ProcessBatchPlan plan, Func<CancellationToken, IAsyncEnumerable<StatementReportRequest>> read, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var index = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY commandbus.process ({ProcessRows.CopyColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await foreach (var request in read(cancellationToken).WithCancellation(cancellationToken))
        {
            if (index == plan.Count)
            {
                break;
            }

            await ProcessRows.WriteAsync(writer, ProcessRows.NewPending(plan.ProcessIdAt(index), plan.BatchId, request, now), cancellationToken);
            index++;
        }

        // The batch's total and its processes must agree, or it could never finish: nothing is written.
        if (index != plan.Count)
        {
            throw new InvalidOperationException($"Batch {plan.BatchId} was planned with {plan.Count} processes, {index} were read.");
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
