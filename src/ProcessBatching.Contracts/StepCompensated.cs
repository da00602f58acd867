namespace ProcessBatching.Contracts;

public record StepCompensated(Guid ProcessId, Guid CommandId, string Step);
