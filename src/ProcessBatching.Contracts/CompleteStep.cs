namespace ProcessBatching.Contracts;

/// <summary>
/// Operator action for a process waiting in the troubleshooting queue: the step was done by hand,
/// continue with the next one.
/// </summary>
public record CompleteStep(Guid ProcessId, string? ResultPath);
