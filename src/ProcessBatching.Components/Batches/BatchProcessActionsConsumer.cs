using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;
using ProcessBatching.Persistence.Outbox;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// The batches role's share of an operator's action on a whole batch (<see cref="BatchOperator"/>):
/// sends the per-process request (<see cref="RetryStep"/>, <see cref="CancelProcess"/>) to the
/// batch's processes, <see cref="ProcessBatchOptions.ActionChunkSize"/> per message, in process id order; each message sends
/// the next one (after its last process id) when its chunk was full. One message is one transaction
/// on an outbox endpoint: its sends, the next message and each process's audit row (who asked)
/// commit together, and the inbox drops a copy, so a process is asked once per action, whatever
/// crashes, and replicas share the chunks safely. A process that moved on in between ignores the request.
/// </summary>
public sealed class BatchProcessActionsConsumer(
    ProcessBatchingDbContext db,
    IProcessJournal journal,
    BatchOwner owner,
    IEndpointNameFormatter names,
    IOptions<ProcessBatchOptions> options,
    ILogger<BatchProcessActionsConsumer> logger) : IConsumer<RetryBlockedProcesses>, IConsumer<CancelBatchProcesses>
{
    private int ChunkSize => options.Value.ActionChunkSize;

    // Started and not finished; COMPENSATING ones are undoing their steps already and end by themselves.
    private static readonly string[] Started =
        StoryName<ProcessStatus>.Of([ProcessStatus.InProgress, ProcessStatus.WaitingForReply, ProcessStatus.InTroubleshootingQueue]);

    /// <summary>The queue the API sends the first message of an action to.</summary>
    public static Uri Address(IEndpointNameFormatter names) => new($"queue:{names.Consumer<BatchProcessActionsConsumer>()}");

    public async Task Consume(ConsumeContext<RetryBlockedProcesses> context)
    {
        var message = context.Message;
        if (await CancelRequestedAsync(message.BatchId, context.CancellationToken))
        {
            // A cancel after the retry: the cancel stops these processes instead.
            logger.LogInformation("Retry of the blocked processes of batch {BatchId} stopped: the batch is being canceled", message.BatchId);
            return;
        }

        var chunk = await NextChunkAsync(
            message.BatchId, message.AfterProcessId,
            "status = $3 AND ($4::text IS NULL OR current_step = $4) AND ($5::text IS NULL OR error_code = $5)",
            [
                new() { Value = ProcessRows.Stored(ProcessStatus.InTroubleshootingQueue) },
                new() { Value = (object?)message.Step ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)message.ErrorCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            ],
            context.CancellationToken);
        await AskAsync(context, chunk, process => new RetryStep(process), new OperatorIdentity(message.RequestedBy, message.RequestedByName));
        if (chunk.Count == ChunkSize)
        {
            await SendNextAsync(context, message with { AfterProcessId = chunk[^1].ProcessId });
        }

        logger.LogInformation("Retry of the blocked processes of batch {BatchId}: {Count} more asked", message.BatchId, chunk.Count);
    }

    public async Task Consume(ConsumeContext<CancelBatchProcesses> context)
    {
        var message = context.Message;
        var pending = 0;
        if (message.AfterProcessId is null)
        {
            // Not started, and no dispatcher hands them out any more (the cancel took the batch's
            // dispatch row): they end here, without running. A dispatcher that claimed its chunk
            // before the cancel and marks it IN_PROGRESS first wins those rows; they are stopped below.
            pending = await ExecuteAsync(
                """
                UPDATE commandbus.process
                SET status = $2, error_code = $3, error_message = $4, updated_at = now(), completed_at = now()
                WHERE batch_id = $1 AND status = $5
                """,
                [
                    new() { Value = message.BatchId },
                    new() { Value = ProcessRows.Stored(ProcessStatus.Canceled) },
                    new() { Value = StatementReportState.BatchCanceledError },
                    new() { Value = $"Canceled with its batch {message.BatchId} before it started" },
                    new() { Value = ProcessRows.Stored(ProcessStatus.Pending) },
                ],
                context.CancellationToken);
        }

        var chunk = await NextChunkAsync(message.BatchId, message.AfterProcessId, "status = ANY($3)", [new() { Value = Started }], context.CancellationToken);
        await AskAsync(context, chunk, process => new CancelProcess(process, BatchCanceled: true), new OperatorIdentity(message.RequestedBy, message.RequestedByName));
        if (chunk.Count == ChunkSize)
        {
            await SendNextAsync(context, message with { AfterProcessId = chunk[^1].ProcessId });
        }
        else
        {
            // The last chunk: a batch with nothing left running (all PENDING, say) sends no status
            // change that would recount it, so it is recounted here, in this transaction, and may finish CANCELED.
            var (view, completedNow) = await owner.RecountWithinAsync(db, context, message.BatchId, context.CancellationToken);
            if (completedNow)
            {
                logger.LogInformation("Batch {BatchId} finished {Status} with its cancel", message.BatchId, view is null ? null : StoryName<BatchStatus>.Of(view.Status));
            }
        }

        logger.LogInformation("Cancel of batch {BatchId}: {Pending} pending processes canceled, {Count} started ones asked to stop",
            message.BatchId, pending, chunk.Count);
    }

    private async Task AskAsync(ConsumeContext context, List<(Guid ProcessId, string Domain, string? Step)> chunk, Func<Guid, object> request, OperatorIdentity requestedBy)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var processes = await context.GetSendEndpoint(ProcessQueue.Address(names));
        foreach (var (processId, domain, step) in chunk)
        {
            var command = request(processId);
            await processes.Send(command, command.GetType(), context.CancellationToken);
            await journal.OperatorRequested(processId, domain, step ?? "-", NewId.NextGuid(), command, requestedBy);
        }
    }

    private static async Task SendNextAsync<T>(ConsumeContext context, T next)
        where T : class
    {
        var self = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
        await self.Send(next, context.CancellationToken);
    }

    private async Task<bool> CancelRequestedAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT cancel_requested_at IS NOT NULL FROM commandbus.batch WHERE domain = $1 AND batch_id = $2", Connection);
        command.Parameters.Add(new() { Value = ProcessDomain.Name });
        command.Parameters.Add(new() { Value = batchId });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// The next processes of the batch after <paramref name="after"/> that match <paramref name="filter"/>
    /// (<c>$1</c> is the batch, <c>$2</c> the cursor, <c>$3</c>… the filter's), by process id:
    /// ix_process_batch_process serves the order and the cursor.
    /// </summary>
    private async Task<List<(Guid ProcessId, string Domain, string? Step)>> NextChunkAsync(
        Guid batchId, Guid? after, string filter, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT process_id, domain, current_step FROM commandbus.process
            WHERE batch_id = $1 AND ($2::uuid IS NULL OR process_id > $2) AND {filter}
            ORDER BY process_id
            LIMIT {ChunkSize}
            """, Connection);
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunk = new List<(Guid, string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chunk.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return chunk;
    }

    private async Task<int> ExecuteAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The consumer's transaction (the outbox's) is on this connection; commands on it take part in it.
    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();
}

public sealed class BatchProcessActionsConsumerDefinition : ConsumerDefinition<BatchProcessActionsConsumer>
{
    public BatchProcessActionsConsumerDefinition()
    {
        // Each message is a chunk of hundreds of sends in one transaction; a few at once are plenty.
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<BatchProcessActionsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseDurableRedelivery(context);
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(100, 500, 2000));
        endpointConfigurator.UsePostgresOutbox<ProcessBatchingDbContext>(context);
    }
}
