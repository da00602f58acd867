namespace ProcessBatching.Contracts;

/// <summary>Published on every status change of a process; statuses are UPPER_SNAKE (PENDING, WAITING_FOR_REPLY, ...).</summary>
public record ProcessStatusChanged(
    Guid ProcessId,
    Guid? BatchId,
    string ProcessType,
    string OldStatus,
    string NewStatus,
    string? Step,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset Timestamp);
