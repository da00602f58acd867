namespace ProcessBatching.Contracts;

/// <summary>
/// Starts a StatementReport process. <paramref name="Request"/> is required for a new process; it
/// is null when the process row was written already (a batch's PENDING process, or
/// <c>StartAsync</c>), whose data the saga then takes from the row.
/// </summary>
public record StartProcess(Guid ProcessId, Guid? BatchId, StatementReportRequest? Request);
