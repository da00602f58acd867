namespace ProcessBatching.Contracts;

/// <summary>
/// The batches role's share of an operator's "retry blocked" on a batch: a <see cref="RetryStep"/>
/// to each of its processes waiting in the troubleshooting queue (only those of <paramref name="Step"/>
/// and <paramref name="ErrorCode"/> when given), in process id order after <paramref name="AfterProcessId"/>,
/// a chunk per message; each chunk sends the message for the next.
/// </summary>
public record RetryBlockedProcesses(
    Guid BatchId, string? Step, string? ErrorCode, Guid? AfterProcessId, string RequestedBy, string? RequestedByName);

/// <summary>
/// The batches role's share of an operator's cancel of a batch: its PENDING processes end CANCELED
/// (one UPDATE, with the first chunk), and every started, unfinished process gets a
/// <see cref="CancelProcess"/> with <c>BatchCanceled</c>, in process id order after
/// <paramref name="AfterProcessId"/>, a chunk per message; each chunk sends the message for the next.
/// </summary>
public record CancelBatchProcesses(Guid BatchId, Guid? AfterProcessId, string RequestedBy, string? RequestedByName);
