using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Publishes <see cref="ProcessBatchCompleted"/> for a finished batch once: the batch row is locked
/// (skipping a row another replica holds), the event is published with the batch id as its message
/// id, and the row is marked in the same transaction. A crash between publish and commit publishes
/// again with the same message id, which a subscriber's inbox drops.
/// </summary>
public sealed class BatchCompletionNotifier(NpgsqlDataSource dataSource, IBus bus, ILogger<BatchCompletionNotifier> logger)
{
    private const int FailedIdsInEvent = 100;

    public async Task<bool> NotifyAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var completed = await LockUnpublishedAsync(connection, batchId, cancellationToken);
        if (completed is null)
        {
            return false;
        }

        completed = completed with { FailedProcessIds = await FailedProcessIdsAsync(connection, batchId, cancellationToken) };
        await bus.Publish(completed, publish => publish.MessageId = batchId, cancellationToken);

        await using (var mark = new NpgsqlCommand(
            "UPDATE commandbus.batch SET completion_published_at = now() WHERE domain = $1 AND batch_id = $2", connection))
        {
            mark.Parameters.Add(new() { Value = ProcessBatchCreator.Domain });
            mark.Parameters.Add(new() { Value = batchId });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Batch {BatchId} finished {Status}: {Completed} completed, {Failed} failed or canceled of {Total}", batchId, completed.Status, completed.CompletedCount, completed.FailedCount, completed.TotalCount);
        return true;
    }

    private static async Task<ProcessBatchCompleted?> LockUnpublishedAsync(NpgsqlConnection connection, Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT name, status, total_count, completed_count, canceled_count, completed_at
            FROM commandbus.batch
            WHERE domain = $1 AND batch_id = $2 AND batch_type = 'PROCESS'
              AND completed_at IS NOT NULL AND completion_published_at IS NULL
            FOR UPDATE SKIP LOCKED
            """, connection);
        command.Parameters.Add(new() { Value = ProcessBatchCreator.Domain });
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ProcessBatchCompleted(
            batchId,
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetInt32(3),
            reader.GetInt32(4),
            [],
            reader.GetFieldValue<DateTimeOffset>(5));
    }

    private static async Task<IReadOnlyList<Guid>> FailedProcessIdsAsync(NpgsqlConnection connection, Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT process_id FROM commandbus.process WHERE batch_id = $1 AND status IN ('FAILED', 'CANCELED') LIMIT {FailedIdsInEvent}",
            connection);
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
