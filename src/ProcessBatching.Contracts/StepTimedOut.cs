namespace ProcessBatching.Contracts;

/// <summary>
/// The deadline for the reply to attempt <paramref name="Attempt"/> of command <paramref name="CommandId"/>:
/// a process sends it to itself, delayed by the step timeout, and takes it back when the reply comes.
/// </summary>
public record StepTimedOut(Guid ProcessId, Guid CommandId, int Attempt);
