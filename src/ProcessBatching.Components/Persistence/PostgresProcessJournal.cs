using System.Text.Json;
using ProcessBatching.Components.Persistence.Model;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Persistence;

namespace ProcessBatching.Components.Persistence;

/// <summary>
/// The process journal in PostgreSQL. What a process writes while it consumes a message (a step
/// command's audit and command rows, the reply, a resend, a command's status, a canceled deadline)
/// are prepared statements of that message's last round trip (<see cref="MessageStatements"/>), run
/// in the order written, so an update finds a row inserted earlier in the same message. An update
/// of a row that is not there changes nothing. An operator's request is also written outside
/// consumed messages (the HTTP API), so it joins the DbContext's unit of work instead.
/// </summary>
public sealed class PostgresProcessJournal(ProcessBatchingDbContext db, MessageStatements statements, TimeProvider clock) : IProcessJournal
{
    private const string InsertAudit = """
        INSERT INTO commandbus.process_audit (domain, process_id, step_name, command_id, command_type, command_data, sent_at)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
        """;

    private const string InsertCommand = """
        INSERT INTO commandbus.command (command_id, domain, command_type, status, attempts, correlation_id, created_at, updated_at)
        VALUES ($1, $2, $3, $4, 1, $5, $6, $6)
        """;

    private const string RecordReply =
        "UPDATE commandbus.process_audit SET reply_outcome = $2, reply_data = $3::jsonb, received_at = $4 WHERE command_id = $1";

    private const string RecordResend = "UPDATE commandbus.command SET attempts = $2, updated_at = $3 WHERE command_id = $1";

    private const string RecordStatus =
        "UPDATE commandbus.command SET status = $2, last_error_code = $3, last_error_msg = $4, updated_at = $5 WHERE command_id = $1";

    public Task CommandSent(StatementReportState process, string step, Guid commandId, string commandType, object command)
    {
        var now = clock.GetUtcNow();
        statements.Add(InsertAudit, process.Domain, process.CorrelationId, step, commandId, commandType, Json(command), now);
        statements.Add(InsertCommand, commandId, process.Domain, commandType, StoryName<CommandStatus>.Of(CommandStatus.InProgress), process.CorrelationId, now);
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
        statements.Add(RecordReply, commandId, outcome, reply is null ? null : Json(reply), clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task CommandResent(Guid commandId, int attempt)
    {
        statements.Add(RecordResend, commandId, attempt, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task CommandStatusChanged(Guid commandId, CommandStatus status, string? errorCode = null, string? errorMessage = null)
    {
        statements.Add(RecordStatus, commandId, StoryName<CommandStatus>.Of(status), errorCode, errorMessage, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private sealed record OperatorRequest(OperatorIdentity RequestedBy, object Request);

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), ProcessJson.Options);
}
