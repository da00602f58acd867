namespace ProcessBatching.Contracts;

public record StatementQuery(
    Guid ProcessId,
    Guid CommandId,
    DateOnly FromDate,
    DateOnly ToDate,
    IReadOnlyList<string> AccountList,
    StepBehavior Behavior);
