namespace ProcessBatching.Contracts;

public record CompensateStep(Guid ProcessId, Guid CommandId, string Step, string? ResultPath, StepBehavior Behavior);
