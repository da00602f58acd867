using ProcessBatching.Components.Processes;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// The process's command journal: <c>process_audit</c> and <c>command</c> rows. Scoped: the
/// database implementation adds rows to the same unit of work that saves the process, so the
/// process row, its journal and its outgoing messages commit together.
/// </summary>
public interface IProcessJournal
{
    /// <summary>One audit row and one command row (IN_PROGRESS) per command sent.</summary>
    Task CommandSent(StatementReportState process, string step, Guid commandId, string commandType, object command);

    /// <summary>Fills in the audit row's reply; <paramref name="outcome"/> is a <see cref="ReplyOutcome"/>.</summary>
    Task ReplyReceived(Guid processId, Guid commandId, string outcome, object? reply);

    /// <summary>The same command sent again (a step timeout or an operator's redrive): no new audit row, one more attempt.</summary>
    Task CommandResent(Guid commandId, int attempt);

    /// <summary>
    /// An operator asked for <paramref name="request"/> (retry, complete, cancel, redrive): one audit row
    /// without a reply, naming who asked, so the trail shows who did what.
    /// </summary>
    Task OperatorRequested(Guid processId, string domain, string step, Guid requestId, object request, OperatorIdentity requestedBy);

    /// <summary><paramref name="status"/> is a <see cref="CommandStatus"/>.</summary>
    Task CommandStatusChanged(Guid commandId, CommandStatus status, string? errorCode = null, string? errorMessage = null);
}
