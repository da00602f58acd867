namespace ProcessBatching.Contracts;

public record StatementReportRequest(
    DateOnly FromDate,
    DateOnly ToDate,
    IReadOnlyList<string> AccountList,
    string OutputType,
    ProcessBehavior Behavior);
