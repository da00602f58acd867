using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Hands the PENDING processes of new batches to their sagas, a chunk at a time. Replicas share
/// the work through a lease on each batch's dispatch row; the cursor moves only after the broker
/// confirmed the chunk, so nothing committed is lost and a crash re-sends at most one chunk. A chunk
/// the broker does not confirm in time is sent again (<see cref="ProcessBatchOptions.DispatchSendTimeout"/>).
/// </summary>
public sealed class ProcessDispatcher(
    NpgsqlDataSource dataSource,
    IBus bus,
    IEndpointNameFormatter names,
    ProcessDispatchSignal signal,
    IOptions<ProcessBatchOptions> options,
    ILogger<ProcessDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly Guid _owner = Guid.NewGuid();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchNextChunkAsync(stoppingToken))
                {
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Dispatching processes failed; retrying shortly");
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Sends one chunk of one batch; false when no batch is waiting.</summary>
    public async Task<bool> DispatchNextChunkAsync(CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(cancellationToken);
        if (claim is null)
        {
            return false;
        }

        var (batchId, total, from, idsInBatchOrder, traceParent) = claim.Value;
        using var activity = DispatchTrace.Start(batchId, traceParent);
        var to = Math.Min(total, from + options.Value.DispatchChunkSize);
        Func<Guid, int, Guid> processId = idsInBatchOrder ? ProcessIds.InBatchOrder : ProcessIds.For; // as the batch's creator named them
        var processIds = Enumerable.Range(from, to - from).Select(index => processId(batchId, index)).ToArray();
        await MarkInProgressAsync(batchId, processIds, cancellationToken);
        await SendAsync(batchId, from, processIds, cancellationToken);
        await AdvanceAsync(batchId, to, to == total, cancellationToken);
        logger.LogDebug("Dispatched processes {From}..{To} of batch {BatchId}", from, to, batchId);
        return true;
    }

    /// <summary>
    /// Sends a chunk and waits for the broker's confirms, at most <see cref="ProcessBatchOptions.DispatchSendTimeout"/>.
    /// A chunk not confirmed gives its batch back at once (the cursor where it was), so the next turn, here
    /// or on another replica, sends it again.
    /// </summary>
    private async Task SendAsync(Guid batchId, int from, Guid[] processIds, CancellationToken cancellationToken)
    {
        try
        {
            var processes = await bus.GetSendEndpoint(ProcessQueue.Address(names));
            await BrokerConfirms.WithinAsync(
                options.Value.DispatchSendTimeout,
                $"processes {from}..{from + processIds.Length} of batch {batchId}",
                confirmed => Task.WhenAll(processIds.Select(processId => processes.Send(new StartProcess(processId, batchId, null), confirmed))),
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await AdvanceAsync(batchId, from, finished: false, CancellationToken.None);
            throw;
        }
    }

    private async Task<(Guid BatchId, int Total, int NextIndex, bool IdsInBatchOrder, string? TraceParent)?> ClaimAsync(CancellationToken cancellationToken)
    {
        // Least recently served batch first, so a small batch is not stuck behind a large one; a batch
        // with as many processes in flight as allowed waits until some finish. A batch an operator
        // paused is skipped until resumed; a canceled one has no dispatch row left (and is skipped too).
        await using var command = dataSource.CreateCommand(
            """
            UPDATE commandbus.batch_dispatch d
            SET lease_owner = $1, lease_until = now() + $2
            WHERE d.batch_id = (
                SELECT d2.batch_id FROM commandbus.batch_dispatch d2
                JOIN commandbus.batch b ON b.domain = d2.domain AND b.batch_id = d2.batch_id
                WHERE (d2.lease_until IS NULL OR d2.lease_until <= now())
                  AND b.paused_at IS NULL AND b.cancel_requested_at IS NULL
                  AND d2.dispatched_count - (b.completed_count + b.canceled_count + b.in_troubleshooting_count) < $3
                ORDER BY d2.lease_until NULLS FIRST, d2.created_at
                LIMIT 1
                FOR UPDATE OF d2 SKIP LOCKED)
            RETURNING d.batch_id, d.total_count, d.dispatched_count, d.ids_in_batch_order, d.trace_parent
            """);
        command.Parameters.Add(new() { Value = _owner });
        command.Parameters.Add(new() { Value = Lease });
        command.Parameters.Add(new() { Value = options.Value.MaxInFlightPerBatch });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    /// <summary>IN_PROGRESS: handed to the saga. A process the saga already moved on keeps its status.</summary>
    private async Task MarkInProgressAsync(Guid batchId, Guid[] processIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE commandbus.process SET status = $3, updated_at = now()
            WHERE batch_id = $1 AND process_id = ANY($2) AND status = $4
            """);
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = processIds });
        command.Parameters.Add(new() { Value = ProcessRows.Stored(ProcessStatus.InProgress) });
        command.Parameters.Add(new() { Value = ProcessRows.Stored(ProcessStatus.Pending) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task AdvanceAsync(Guid batchId, int nextIndex, bool finished, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(finished
            ? "DELETE FROM commandbus.batch_dispatch WHERE batch_id = $1 AND lease_owner = $3"
            : "UPDATE commandbus.batch_dispatch SET dispatched_count = $2, lease_owner = NULL, lease_until = now() WHERE batch_id = $1 AND lease_owner = $3");
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = nextIndex });
        command.Parameters.Add(new() { Value = _owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
