namespace ProcessBatching.Contracts;

/// <summary>
/// A step worker's business-rule rejection. Not retried: the process compensates its completed
/// steps and ends CANCELED.
/// </summary>
public record StepFailed(Guid ProcessId, Guid CommandId, string Step, string ErrorCode, string ErrorMessage);
