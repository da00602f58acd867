using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcessBatching.Components.Persistence.Model;
using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Persistence;

/// <summary>
/// The process journal on the message's DbContext. New rows join the unit of work the saga
/// repository saves; updates of earlier rows run at once, inside the message's open transaction,
/// so they commit or roll back with the process row either way.
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

    public Task ReplyReceived(Guid processId, Guid commandId, string outcome, object? reply)
    {
        var now = clock.GetUtcNow();
        var data = reply is null ? null : Json(reply);
        return db.ProcessAudit
            .Where(entry => entry.CommandId == commandId && entry.ProcessId == processId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(entry => entry.ReplyOutcome, outcome)
                .SetProperty(entry => entry.ReplyData, data)
                .SetProperty(entry => entry.ReceivedAt, now));
    }

    public Task CommandStatusChanged(Guid commandId, string status, string? errorCode = null, string? errorMessage = null)
    {
        var now = clock.GetUtcNow();
        return db.Commands
            .Where(command => command.CommandId == commandId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(command => command.Status, status)
                .SetProperty(command => command.LastErrorCode, errorCode)
                .SetProperty(command => command.LastErrorMsg, errorMessage)
                .SetProperty(command => command.UpdatedAt, now));
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), ProcessJson.Options);
}
