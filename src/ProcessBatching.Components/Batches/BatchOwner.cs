using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Owns a batch once it is written: recounts it (coalesced by <see cref="BatchRecounts"/>),
/// promotes it PENDING → IN_PROGRESS → COMPLETED | COMPLETED_WITH_FAILURES | CANCELED (an
/// operator canceled it) through <c>sp_refresh_batch_stats</c>, and writes its one
/// <see cref="ProcessBatchCompleted"/> (with that status) to the outbox in the transaction that
/// finished it. Nothing else calls the stats function: the progress consumer, the reconciler, the
/// API, the pages and the operator's batch actions (<see cref="BatchOperator"/>) all ask here.
/// </summary>
public sealed class BatchOwner(
    IServiceScopeFactory scopes,
    ProcessBatchQueries queries,
    ProcessDispatchSignal dispatchSignal,
    TimeProvider clock,
    IMeterFactory meterFactory,
    ILogger<BatchOwner> logger)
{
    public const string MeterName = "ProcessBatching";

    /// <summary>Recounts of one batch start at least this far apart on a replica, whoever asks.</summary>
    public static readonly TimeSpan RecountSpacing = TimeSpan.FromMilliseconds(500);

    /// <summary>How old the counts a reader (API, page) gets may be.</summary>
    public static readonly TimeSpan ReaderFreshness = TimeSpan.FromSeconds(1);

    private const int FailedIdsInEvent = 100;

    private readonly BatchRecounts _recounts = new(RecountSpacing, clock);
    private readonly Counter<long> _recountCounter = meterFactory.Create(MeterName)
        .CreateCounter<long>("processbatching.batch.refreshes", description: "Batch recounts (sp_refresh_batch_stats calls)");
    private long _recountCount;

    /// <summary>The recounts this replica ran since it started.</summary>
    public long RecountCount => Interlocked.Read(ref _recountCount);

    /// <summary>
    /// The batch with counts no older than <paramref name="maxAge"/> (<see cref="ReaderFreshness"/>
    /// by default); a finished batch as stored. Null for an unknown batch.
    /// </summary>
    public async Task<BatchView?> GetAsync(Guid batchId, TimeSpan? maxAge, CancellationToken cancellationToken)
    {
        var batch = await queries.GetBatchAsync(batchId, cancellationToken);
        if (batch is not { IsOpen: true })
        {
            return batch;
        }

        var recounted = await _recounts.GetAsync(batchId, maxAge ?? ReaderFreshness, RecountInTransactionAsync).WaitAsync(cancellationToken);

        // A shared recount may have started before an operator paused, resumed or canceled the batch:
        // those marks are taken from the row just read, so a reader sees an action at once.
        return recounted is { IsOpen: true }
            ? recounted with { PausedAt = batch.PausedAt, CancelRequestedAt = batch.CancelRequestedAt }
            : recounted ?? batch;
    }

    /// <summary>
    /// For a reader that must answer at once and just read <paramref name="batch"/>'s row (which every
    /// replica's recounts write), as last counted: the batch page (<see cref="BatchPageReader"/>), whose
    /// time must not grow with the batch (a recount reads every process of it). An open batch whose last
    /// recount here started more than <see cref="ReaderFreshness"/> ago is recounted for the next reader;
    /// while its processes run the progress consumer recounts it anyway, so the counts are as old as the
    /// last recount's start.
    /// </summary>
    public void RecountForNextReader(BatchView? batch)
    {
        if (batch is { IsOpen: true })
        {
            RecountSoon(batch.BatchId, ReaderFreshness);
        }
    }

    /// <summary>Counts the batch again after this call (processes of it changed), coalesced with other callers.</summary>
    public Task<BatchView?> RecountAsync(Guid batchId, CancellationToken cancellationToken) =>
        _recounts.GetAsync(batchId, TimeSpan.Zero, RecountInTransactionAsync).WaitAsync(cancellationToken);

    /// <summary>As <see cref="RecountAsync(Guid, CancellationToken)"/>, without waiting; the reconciler catches a failure.</summary>
    public void RecountSoon(Guid batchId) => RecountSoon(batchId, TimeSpan.Zero);

    private void RecountSoon(Guid batchId, TimeSpan maxAge) =>
        _recounts.GetAsync(batchId, maxAge, RecountInTransactionAsync).ContinueWith(
            failed => logger.LogWarning(failed.Exception, "Recounting batch {BatchId} failed; the reconciler will", batchId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// Recounts every open batch, and writes the completion of a finished batch that has none yet
    /// (one finished before completions went through the outbox), so a lost progress event or a
    /// crash can never leave a batch open or unannounced.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var batchId in await queries.OpenBatchIdsAsync(cancellationToken))
        {
            await RecountAsync(batchId, cancellationToken);
        }

        foreach (var batchId in await queries.UnannouncedBatchIdsAsync(cancellationToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProcessBatchingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await AnnounceAsync(db, scope.ServiceProvider.GetRequiredService<IPublishEndpoint>(), batchId, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// One recount in one transaction: the stats function and the batch's throughput sample
    /// (<see cref="BatchThroughputs"/>), then, if it finished the batch, its completion.
    /// </summary>
    private async Task<BatchView?> RecountInTransactionAsync(Guid batchId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProcessBatchingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (view, completedNow) = await RecountWithinAsync(db, scope.ServiceProvider.GetRequiredService<IPublishEndpoint>(), batchId, CancellationToken.None);
        await transaction.CommitAsync();
        Recounted(batchId, view, completedNow);
        return view;
    }

    /// <summary>
    /// One recount inside the caller's transaction on <paramref name="db"/>, whose outbox
    /// <paramref name="outbox"/> writes to: the stats function (which locks the batch row until the
    /// caller commits), then, if it finished the batch, its completion. For an operator's action on the
    /// batch, which decides on counts no other recount can change before it commits; the caller calls
    /// <see cref="Recounted"/> once committed.
    /// </summary>
    public async Task<(BatchView? View, bool CompletedNow)> RecountWithinAsync(
        ProcessBatchingDbContext db, IPublishEndpoint outbox, Guid batchId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _recountCount);
        _recountCounter.Add(1);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT completed_now FROM commandbus.sp_refresh_batch_stats($1, $2)")
                {
                    Parameters = { new() { Value = ProcessDomain.Name }, new() { Value = batchId } },
                },
                ProcessBatchQueries.GetBatchCommand(batchId),
                // The batch's pace, so the page's throughput survives a reload: the count just made, if it grew.
                BatchThroughputs.SampleCommand(batchId, clock.GetUtcNow()),
            },
        };
        var completedNow = false;
        BatchView? view = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                completedNow = reader.GetBoolean(0);
            }

            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                view = ProcessBatchQueries.ReadBatch(reader);
            }

            while (await reader.NextResultAsync())
            {
            }
        }

        if (completedNow && view is { BatchType: BatchType.Process })
        {
            await AnnounceAsync(db, outbox, batchId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (view, completedNow);
    }

    /// <summary>After a recount's transaction committed: forget a finished batch, log its finish, wake the dispatcher.</summary>
    public void Recounted(Guid batchId, BatchView? view, bool completedNow)
    {
        if (view is not { IsOpen: true })
        {
            _recounts.Forget(batchId);
        }

        if (completedNow)
        {
            logger.LogInformation(
                "Batch {BatchId} finished {Status}: {Completed} completed, {Failed} failed of {Total}",
                batchId, view is null ? null : StoryName<BatchStatus>.Of(view.Status), view?.CompletedCount, view?.FailedCount, view?.TotalCount);
        }

        // Finished processes make room for the dispatcher to start more of the batch.
        dispatchSignal.Notify();
    }

    /// <summary>
    /// Marks a finished process batch announced and publishes its completion through the outbox of
    /// <paramref name="db"/>'s transaction; false when it was announced already (the row lock and
    /// the condition make it once), so a subscriber sees one event, with the batch id as message id.
    /// Every final status is announced alike (COMPLETED, COMPLETED_WITH_FAILURES, CANCELED): the
    /// event's status is the row's, and its failed ids are those of FAILED and CANCELED processes.
    /// </summary>
    private static async Task<bool> AnnounceAsync(ProcessBatchingDbContext db, IPublishEndpoint outbox, Guid batchId, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    """
                    UPDATE commandbus.batch SET completion_published_at = now()
                    WHERE domain = $1 AND batch_id = $2 AND batch_type = 'PROCESS'
                      AND completed_at IS NOT NULL AND completion_published_at IS NULL
                    RETURNING name, status, total_count, completed_count, canceled_count, completed_at
                    """)
                {
                    Parameters = { new() { Value = ProcessDomain.Name }, new() { Value = batchId } },
                },
                new NpgsqlBatchCommand(
                    $"SELECT process_id FROM commandbus.process WHERE batch_id = $1 AND status IN ('FAILED', 'CANCELED') LIMIT {FailedIdsInEvent}")
                {
                    Parameters = { new() { Value = batchId } },
                },
            },
        };
        ProcessBatchCompleted completed;
        var failed = new List<Guid>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            completed = new ProcessBatchCompleted(
                batchId,
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                [],
                reader.GetFieldValue<DateTimeOffset>(5));
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                failed.Add(reader.GetGuid(0));
            }
        }

        await outbox.Publish(completed with { FailedProcessIds = failed }, publish => publish.MessageId = batchId, cancellationToken);
        return true;
    }
}
