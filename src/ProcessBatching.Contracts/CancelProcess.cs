namespace ProcessBatching.Contracts;

/// <summary>
/// Operator action for a process waiting in the troubleshooting queue: undo its completed steps;
/// the process ends COMPENSATED.
/// With <paramref name="BatchCanceled"/> its batch was canceled: a process not started yet ends
/// CANCELED at once, one waiting on a step stops at that step's end (its reply or fault leads to
/// compensation instead of the next step), one in the troubleshooting queue compensates now; each
/// ends CANCELED.
/// </summary>
public record CancelProcess(Guid ProcessId, bool BatchCanceled = false);
