using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

public enum BatchActionOutcome
{
    /// <summary>Done (pause, resume), or handed on (retry blocked, cancel): the batch's processes follow.</summary>
    Accepted,

    /// <summary>The action does not apply to the batch as it stands (finished, paused already, being canceled…).</summary>
    Conflict,

    NotFound,
}

/// <summary>What became of an operator's action on a batch: the batch as it stands after it, and for a retry how many were retried.</summary>
public sealed record BatchActionResult(BatchActionOutcome Outcome, string? Reason = null, BatchView? Batch = null, int Count = 0)
{
    public static BatchActionResult NotFound { get; } = new(BatchActionOutcome.NotFound);

    public static BatchActionResult Conflict(string reason) => new(BatchActionOutcome.Conflict, reason);
}

/// <summary>What became of a rerun of a batch's failed processes: the new batch, or why there is none.</summary>
public sealed record BatchRerunResult(
    BatchActionOutcome Outcome, string? Reason = null, BatchView? Batch = null, bool Created = false,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static BatchRerunResult Conflict(string reason) => new(BatchActionOutcome.Conflict, reason);

    /// <summary>A bad field of the request (400).</summary>
    public static BatchRerunResult Invalid(string field, string message) =>
        new(BatchActionOutcome.Conflict, Errors: new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// An operator's actions on a whole batch: retry its blocked processes, cancel it, pause and resume
/// its dispatch, rerun its failed processes as a new batch. Each action but the rerun is one transaction that first recounts the batch through
/// <see cref="BatchOwner.RecountWithinAsync"/>, which locks the batch row: the action decides on
/// counts and a status that no recount, no other action and no other replica can change before it
/// commits, so a cancel and the batch's completion never both win. What the action asks of the
/// batch's processes is one message through the outbox, in that transaction, to the batches role
/// (<see cref="BatchProcessActionsConsumer"/>), which sends to the processes a chunk at a time: an
/// HTTP call never sends thousands of messages itself. Who asked is written to the batch's audit
/// trail in the same transaction, and logged.
/// </summary>
public sealed class BatchOperator(
    ProcessBatchingDbContext db,
    IPublishEndpoint publisher,
    ISendEndpointProvider sender,
    IEndpointNameFormatter names,
    BatchOwner owner,
    ProcessBatchQueries queries,
    ProcessBatchCreator creator,
    NpgsqlDataSource dataSource,
    ProcessDispatchSignal dispatchSignal,
    ILogger<BatchOperator> logger,
    ICurrentOperator? currentOperator = null)
{
    private static readonly string[] Failed = StoryName<ProcessStatus>.Of([ProcessStatus.Failed, ProcessStatus.Canceled]);

    private OperatorIdentity RequestedBy => currentOperator?.Identity ?? OperatorIdentity.Unknown;

    /// <summary>
    /// Retries every process of the batch waiting in the troubleshooting queue (only those at
    /// <paramref name="step"/>, only those with <paramref name="errorCode"/>, when given); the
    /// result's count is how many were waiting.
    /// </summary>
    public Task<BatchActionResult> RetryBlockedAsync(Guid batchId, string? step, string? errorCode, CancellationToken cancellationToken) =>
        ActAsync(batchId, BatchActions.RetryBlocked, async (batch, connection) =>
        {
            if (batch.Canceling)
            {
                return Decision.Refuse($"Batch {batchId} is being canceled; its blocked processes are canceled with it.");
            }

            await using var count = new NpgsqlCommand(
                """
                SELECT count(*) FROM commandbus.process
                WHERE batch_id = $1 AND status = $2 AND ($3::text IS NULL OR current_step = $3) AND ($4::text IS NULL OR error_code = $4)
                """, connection);
            count.Parameters.Add(new() { Value = batchId });
            count.Parameters.Add(new() { Value = ProcessRows.Stored(ProcessStatus.InTroubleshootingQueue) });
            count.Parameters.Add(new() { Value = (object?)step ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            count.Parameters.Add(new() { Value = (object?)errorCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            var retried = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (retried > 0)
            {
                await SendToBatchesRoleAsync(new RetryBlockedProcesses(batchId, step, errorCode, null, RequestedBy.Subject, RequestedBy.Name), cancellationToken);
            }

            return Decision.Accept(new { Step = step, ErrorCode = errorCode, Retried = retried }, retried);
        }, cancellationToken);

    /// <summary>
    /// Cancels the batch: no further process of it is dispatched, and the batches role ends its
    /// PENDING ones and stops its running and blocked ones; the batch then ends CANCELED.
    /// </summary>
    public Task<BatchActionResult> CancelAsync(Guid batchId, CancellationToken cancellationToken) =>
        ActAsync(batchId, BatchActions.Cancel, async (batch, connection) =>
        {
            if (batch.Canceling)
            {
                return Decision.Refuse($"Batch {batchId} is being canceled already.");
            }

            // Without its dispatch row no dispatcher claims the batch again; one that holds it now
            // finds its processes CANCELED or stops them with the rest (see BatchProcessActionsConsumer).
            await ExecuteAsync(connection, batchId, cancellationToken,
                "UPDATE commandbus.batch SET cancel_requested_at = now(), paused_at = NULL WHERE domain = $1 AND batch_id = $2",
                "DELETE FROM commandbus.batch_dispatch WHERE domain = $1 AND batch_id = $2");
            await SendToBatchesRoleAsync(new CancelBatchProcesses(batchId, null, RequestedBy.Subject, RequestedBy.Name), cancellationToken);
            return Decision.Accept(new
            {
                batch.CompletedCount,
                batch.FailedCount,
                batch.InProgressCount,
                BlockedCount = batch.InTroubleshootingCount,
            });
        }, cancellationToken);

    /// <summary>Stops handing out the batch's PENDING processes; those started go on.</summary>
    public Task<BatchActionResult> PauseAsync(Guid batchId, CancellationToken cancellationToken) =>
        ActAsync(batchId, BatchActions.Pause, async (batch, connection) =>
        {
            if (batch.Canceling)
            {
                return Decision.Refuse($"Batch {batchId} is being canceled.");
            }

            if (batch.PausedAt is not null)
            {
                return Decision.Refuse($"Batch {batchId} is paused already.");
            }

            await ExecuteAsync(connection, batchId, cancellationToken, "UPDATE commandbus.batch SET paused_at = now() WHERE domain = $1 AND batch_id = $2");
            return Decision.Accept(null);
        }, cancellationToken);

    /// <summary>Hands out the batch's PENDING processes again.</summary>
    public async Task<BatchActionResult> ResumeAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var result = await ActAsync(batchId, BatchActions.Resume, async (batch, connection) =>
        {
            if (batch.PausedAt is null)
            {
                return Decision.Refuse($"Batch {batchId} is not paused.");
            }

            await ExecuteAsync(connection, batchId, cancellationToken, "UPDATE commandbus.batch SET paused_at = NULL WHERE domain = $1 AND batch_id = $2");
            return Decision.Accept(null);
        }, cancellationToken);
        if (result.Outcome == BatchActionOutcome.Accepted)
        {
            dispatchSignal.Notify();
        }

        return result;
    }

    /// <summary>
    /// A new batch of the finished batch's FAILED and CANCELED processes, each with the request it
    /// was made from, linked to it (<see cref="BatchView.ParentBatchId"/>). Without
    /// <paramref name="batchId"/> the new batch's id is derived from the parent's and how many reruns
    /// it has: a request sent twice at once (a double click) makes one batch, a later one another.
    /// </summary>
    public async Task<BatchRerunResult> RerunFailedAsync(Guid parentId, Guid? batchId, string? name, CancellationToken cancellationToken)
    {
        var result = await RerunAsync(parentId, batchId, name, cancellationToken);
        logger.LogInformation("{Operator} asked for {Request} of batch {BatchId}: {Outcome}{Reason}",
            RequestedBy.ToString(), BatchActions.RerunFailed, parentId,
            result.Batch is { } rerun ? $"batch {rerun.BatchId} of {rerun.TotalCount} processes{(result.Created ? "" : " (existed)")}" : result.Outcome.ToString(),
            result.Reason is null ? "" : $" ({result.Reason})");
        return result;
    }

    private async Task<BatchRerunResult> RerunAsync(Guid parentId, Guid? batchId, string? name, CancellationToken cancellationToken)
    {
        if (name is { Length: > ProcessRequestValidator.MaxNameLength })
        {
            return BatchRerunResult.Invalid("name", $"name must be at most {ProcessRequestValidator.MaxNameLength} characters.");
        }

        var parent = await queries.GetBatchAsync(parentId, cancellationToken);
        if (parent is not { BatchType: BatchType.Process })
        {
            return new BatchRerunResult(BatchActionOutcome.NotFound);
        }

        if (parent.IsOpen)
        {
            return BatchRerunResult.Conflict(
                $"Batch {parentId} is still open ({StoryName<BatchStatus>.Of(parent.Status)}); its failed processes can be rerun once it has finished.");
        }

        // A finished batch's processes are final: these counts no longer change.
        await using var counts = dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM commandbus.process WHERE batch_id = $1 AND status = ANY($2)),
                   (SELECT count(*) FROM commandbus.batch WHERE parent_batch_id = $1)
            """);
        counts.Parameters.Add(new() { Value = parentId });
        counts.Parameters.Add(new() { Value = Failed });
        int failed, reruns;
        await using (var reader = await counts.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (failed, reruns) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        }

        if (failed == 0)
        {
            return BatchRerunResult.Conflict($"Batch {parentId} has no FAILED or CANCELED process to rerun.");
        }

        var rerunName = string.IsNullOrWhiteSpace(name) ? $"Rerun of {parent.Name ?? parentId.ToString()}" : name.Trim();
        var plan = new ProcessBatchPlan(
            batchId ?? ProcessIds.For(parentId, -1 - reruns),
            rerunName.Length > ProcessRequestValidator.MaxNameLength ? rerunName[..ProcessRequestValidator.MaxNameLength] : rerunName,
            failed,
            _ => throw new InvalidOperationException("A rerun reads its requests in order."))
        {
            ParentBatchId = parentId,
            ReadRequests = read => ReadFailedRequestsAsync(parentId, read),
        };
        var created = await creator.CreateAsync(plan, cancellationToken, async connection =>
        {
            await using var audit = new NpgsqlBatch(connection)
            {
                BatchCommands = { BatchAudit.Insert(parentId, BatchActions.RerunFailed, RequestedBy, new { RerunBatchId = plan.BatchId, plan.Count }) },
            };
            await audit.ExecuteNonQueryAsync(cancellationToken);
        });
        var rerun = await queries.GetBatchAsync(plan.BatchId, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {plan.BatchId} vanished after it was written.");
        return rerun.ParentBatchId == parentId
            ? new BatchRerunResult(BatchActionOutcome.Accepted, Batch: rerun, Created: created)
            : BatchRerunResult.Invalid("batch_id", $"batch {plan.BatchId} exists and is not a rerun of batch {parentId}.");
    }

    /// <summary>The requests of the parent's failed processes, in process id order, from a connection of their own.</summary>
    private async IAsyncEnumerable<StatementReportRequest> ReadFailedRequestsAsync(
        Guid parentId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT state::text FROM commandbus.process WHERE batch_id = $1 AND status = ANY($2) ORDER BY process_id");
        command.Parameters.Add(new() { Value = parentId });
        command.Parameters.Add(new() { Value = Failed });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var data = ProcessRows.DataFrom(reader.GetString(0));
            yield return new StatementReportRequest(data.FromDate, data.ToDate, data.AccountList, data.OutputType, data.Behavior);
        }
    }

    private async Task<BatchActionResult> ActAsync(
        Guid batchId, string action, Func<BatchView, NpgsqlConnection, Task<Decision>> decide, CancellationToken cancellationToken)
    {
        BatchActionResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var (batch, completedNow) = await owner.RecountWithinAsync(db, publisher, batchId, cancellationToken);
            if (batch is not { BatchType: BatchType.Process })
            {
                result = BatchActionResult.NotFound;
            }
            else if (!batch.IsOpen)
            {
                // The recount that finished it (if this one did) and its completion are kept.
                await transaction.CommitAsync(cancellationToken);
                owner.Recounted(batchId, batch, completedNow);
                result = BatchActionResult.Conflict(
                    $"Batch {batchId} {(completedNow ? "has just finished" : "is finished")} ({StoryName<BatchStatus>.Of(batch.Status)}).");
            }
            else
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                var decision = await decide(batch, connection);
                if (decision.Refusal is { } refusal)
                {
                    result = BatchActionResult.Conflict(refusal);
                }
                else
                {
                    await using (var audit = new NpgsqlBatch(connection) { BatchCommands = { BatchAudit.Insert(batchId, action, RequestedBy, decision.Details) } })
                    {
                        await audit.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    owner.Recounted(batchId, batch, completedNow);
                    result = new BatchActionResult(BatchActionOutcome.Accepted, null, await queries.GetBatchAsync(batchId, cancellationToken), decision.Count);
                }
            }
        }

        logger.LogInformation("{Operator} asked for {Request} of batch {BatchId}: {Outcome}{Reason}",
            RequestedBy.ToString(), action, batchId, result.Outcome, result.Reason is null ? "" : $" ({result.Reason})");
        return result;
    }

    private async Task SendToBatchesRoleAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = await sender.GetSendEndpoint(BatchProcessActionsConsumer.Address(names));
        await endpoint.Send(message, cancellationToken);
    }

    /// <summary>Statements on the batch in the action's transaction, one round trip: <c>$1</c> is the domain, <c>$2</c> the batch id.</summary>
    private static async Task ExecuteAsync(NpgsqlConnection connection, Guid batchId, CancellationToken cancellationToken, params string[] statements)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = ProcessDomain.Name }, new() { Value = batchId } } });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Decision(string? Refusal, object? Details, int Count)
    {
        public static Decision Refuse(string reason) => new(reason, null, 0);

        public static Decision Accept(object? details, int count = 0) => new(null, details, count);
    }
}
