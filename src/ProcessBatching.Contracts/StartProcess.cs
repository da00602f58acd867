namespace ProcessBatching.Contracts;

public record StartProcess(Guid ProcessId, Guid? BatchId, StatementReportRequest Request);
