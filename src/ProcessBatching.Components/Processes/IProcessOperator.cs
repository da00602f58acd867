namespace ProcessBatching.Components.Processes;

/// <summary>
/// What an operator can do with a process waiting in the troubleshooting queue: retry the failed
/// step, complete it by hand, or cancel the process (which compensates its completed steps); and
/// with a process stuck outside it: redrive it.
/// The StatementReport saga provides the implementation; without one the pages offer no actions.
/// </summary>
public interface IProcessOperator
{
    Task<OperatorOutcome> RetryAsync(Guid processId, CancellationToken cancellationToken);

    Task<OperatorOutcome> CompleteAsync(Guid processId, CancellationToken cancellationToken);

    Task<OperatorOutcome> CancelAsync(Guid processId, CancellationToken cancellationToken);

    /// <summary>
    /// For a process that does not move in a non-final status outside the troubleshooting queue:
    /// start it again if it never started, else send its current command again (same command id).
    /// </summary>
    Task<OperatorOutcome> RedriveAsync(Guid processId, CancellationToken cancellationToken);
}
