namespace ProcessBatching.Contracts;

/// <summary>
/// Operator action for a process waiting in the troubleshooting queue: undo its completed steps;
/// the process ends COMPENSATED.
/// </summary>
public record CancelProcess(Guid ProcessId);
