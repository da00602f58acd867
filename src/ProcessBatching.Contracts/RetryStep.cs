namespace ProcessBatching.Contracts;

/// <summary>Operator action for a process waiting in the troubleshooting queue: send the step again.</summary>
public record RetryStep(Guid ProcessId);
