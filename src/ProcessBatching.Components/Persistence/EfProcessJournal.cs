using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ProcessBatching.Components.Persistence.Model;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Components.Persistence;

/// <summary>
/// The process journal on the message's DbContext: new rows and changes to earlier rows join the
/// unit of work the saga repository saves, so they commit with the process row in its one batch of
/// statements, without a round trip of their own.
/// </summary>
public sealed class EfProcessJournal(ProcessBatchingDbContext db, TimeProvider clock) : IProcessJournal
{
    public Task CommandSent(StatementReportState process, string step, Guid commandId, string commandType, object command)
    {
        var now = clock.GetUtcNow();
        db.ProcessAudit.Add(new ProcessAuditRow
        {
            Domain = process.Domain,
            ProcessId = process.CorrelationId,
            StepName = step,
            CommandId = commandId,
            CommandType = commandType,
            CommandData = Json(command),
            SentAt = now,
        });
        db.Commands.Add(new CommandRow
        {
            CommandId = commandId,
            Domain = process.Domain,
            CommandType = commandType,
            Status = CommandStatus.InProgress,
            Attempts = 1,
            CorrelationId = process.CorrelationId,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return Task.CompletedTask;
    }

    public Task OperatorRequested(Guid processId, string domain, string step, Guid requestId, object request, OperatorIdentity requestedBy)
    {
        db.ProcessAudit.Add(new ProcessAuditRow
        {
            Domain = domain,
            ProcessId = processId,
            StepName = step,
            CommandId = requestId,
            CommandType = request.GetType().Name,
            CommandData = Json(new OperatorRequest(requestedBy, request)),
            SentAt = clock.GetUtcNow(),
        });
        return Task.CompletedTask;
    }

    public Task ReplyReceived(Guid processId, Guid commandId, string outcome, object? reply)
    {
        var row = Track(commandId, () => new ProcessAuditRow { CommandId = commandId, Domain = "", StepName = "", CommandType = "" });
        Change(row, x => x.ReplyOutcome, outcome);
        Change(row, x => x.ReplyData, reply is null ? null : Json(reply));
        Change(row, x => x.ReceivedAt, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task CommandResent(Guid commandId, int attempt)
    {
        var row = Track(commandId, () => new CommandRow { CommandId = commandId, Domain = "", CommandType = "", Status = CommandStatus.InProgress });
        Change(row, x => x.Attempts, attempt);
        Change(row, x => x.UpdatedAt, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task DeadlineCanceled(Guid deadlineId) => ScheduledSends.CancelAsync(db, deadlineId, CancellationToken.None);

    public Task CommandStatusChanged(Guid commandId, CommandStatus status, string? errorCode = null, string? errorMessage = null)
    {
        var row = Track(commandId, () => new CommandRow { CommandId = commandId, Domain = "", CommandType = "", Status = status });
        Change(row, x => x.Status, status);
        Change(row, x => x.LastErrorCode, errorCode);
        Change(row, x => x.LastErrorMsg, errorMessage);
        Change(row, x => x.UpdatedAt, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>
    /// The row as this unit of work knows it: the tracked one if it was written or read in this
    /// message, else a key-only stand-in whose changed columns alone are updated. A lookup in the
    /// context's identity map, without the scan of every tracked row for changes that EF Core would
    /// otherwise run first (SaveChanges runs it once, later).
    /// </summary>
    private EntityEntry<T> Track<T>(Guid commandId, Func<T> standIn)
        where T : class
    {
        var tracker = db.ChangeTracker;
        var detectChanges = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Set<T>().Local.FindEntry(commandId) ?? db.Attach(standIn());
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    private static void Change<T, TValue>(EntityEntry<T> row, Expression<Func<T, TValue>> column, TValue value)
        where T : class
    {
        var property = row.Property(column);
        property.CurrentValue = value;
        if (row.State != EntityState.Added)
        {
            // Set even when the stand-in already held the value: the row's column may differ.
            property.IsModified = true;
        }
    }

    private sealed record OperatorRequest(OperatorIdentity RequestedBy, object Request);

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), ProcessJson.Options);
}
