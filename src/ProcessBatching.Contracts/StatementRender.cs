namespace ProcessBatching.Contracts;

public record StatementRender(
    Guid ProcessId,
    Guid CommandId,
    string AggregationResultPath,
    string OutputType,
    StepBehavior Behavior);
