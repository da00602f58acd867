namespace ProcessBatching.Contracts;

/// <summary>A step worker's success reply; <paramref name="Step"/> is the step command's type name.</summary>
public record StepCompleted(Guid ProcessId, Guid CommandId, string Step, string ResultPath);
