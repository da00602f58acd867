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

    /// <summary><paramref name="status"/> is a <see cref="CommandStatus"/>.</summary>
    Task CommandStatusChanged(Guid commandId, string status, string? errorCode = null, string? errorMessage = null);
}
