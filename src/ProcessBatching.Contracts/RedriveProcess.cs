namespace ProcessBatching.Contracts;

/// <summary>Operator action for a process that waits on a step and does not move: send its current command again.</summary>
public record RedriveProcess(Guid ProcessId);
