using ProcessBatching.Components.Processes;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// The journal for harness tests and database-free runs. Register it as a singleton so tests can
/// read what the process wrote. Not transactional: a retried saga message writes twice.
/// </summary>
public sealed class InMemoryProcessJournal : IProcessJournal
{
    readonly Lock _lock = new();
    readonly List<AuditRow> _audit = [];
    readonly Dictionary<Guid, CommandRow> _commands = [];

    public sealed record AuditRow(
        Guid ProcessId, string StepName, Guid CommandId, string CommandType, object CommandData, DateTimeOffset SentAt,
        string? ReplyOutcome = null, object? ReplyData = null, DateTimeOffset? ReceivedAt = null);

    public sealed record CommandRow(
        Guid CommandId, string CommandType, Guid CorrelationId, CommandStatus Status,
        string? LastErrorCode = null, string? LastErrorMessage = null, int Attempts = 1);

    /// <summary>The audit trail of one process, oldest command first.</summary>
    public IReadOnlyList<AuditRow> AuditTrail(Guid processId)
    {
        lock (_lock)
            return _audit.Where(x => x.ProcessId == processId).ToList();
    }

    public CommandRow? Command(Guid commandId)
    {
        lock (_lock)
            return _commands.GetValueOrDefault(commandId);
    }

    public Task CommandSent(StatementReportState process, string step, Guid commandId, string commandType, object command)
    {
        lock (_lock)
        {
            _audit.Add(new AuditRow(process.CorrelationId, step, commandId, commandType, command, DateTimeOffset.UtcNow));
            _commands[commandId] = new CommandRow(commandId, commandType, process.CorrelationId, CommandStatus.InProgress);
        }

        return Task.CompletedTask;
    }

    public Task ReplyReceived(Guid processId, Guid commandId, string outcome, object? reply)
    {
        lock (_lock)
        {
            var index = _audit.FindIndex(x => x.CommandId == commandId);
            if (index >= 0)
                _audit[index] = _audit[index] with { ReplyOutcome = outcome, ReplyData = reply, ReceivedAt = DateTimeOffset.UtcNow };
        }

        return Task.CompletedTask;
    }

    public Task CommandResent(Guid commandId, int attempt)
    {
        lock (_lock)
        {
            if (_commands.TryGetValue(commandId, out var row))
                _commands[commandId] = row with { Attempts = attempt };
        }

        return Task.CompletedTask;
    }

    public Task OperatorRequested(Guid processId, string domain, string step, Guid requestId, object request, OperatorIdentity requestedBy)
    {
        lock (_lock)
            _audit.Add(new AuditRow(processId, step, requestId, request.GetType().Name, new { RequestedBy = requestedBy, Request = request }, DateTimeOffset.UtcNow));

        return Task.CompletedTask;
    }

    public Task CommandStatusChanged(Guid commandId, CommandStatus status, string? errorCode = null, string? errorMessage = null)
    {
        lock (_lock)
        {
            if (_commands.TryGetValue(commandId, out var row))
                _commands[commandId] = row with { Status = status, LastErrorCode = errorCode, LastErrorMessage = errorMessage };
        }

        return Task.CompletedTask;
    }
}
