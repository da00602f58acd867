namespace ProcessBatching.Contracts;

public record StatementDataAggregation(Guid ProcessId, Guid CommandId, string QueryResultPath, StepBehavior Behavior);
