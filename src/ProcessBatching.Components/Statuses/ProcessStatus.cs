using System.Text.Json.Serialization;

namespace ProcessBatching.Components.Statuses;

/// <summary>
/// Where a process stands (<c>commandbus.process.status</c>, ProcessStatusChanged). The members are
/// also the saga's MassTransit state names; <see cref="StoryName{TStatus}"/> gives the stored names.
/// </summary>
[JsonConverter(typeof(StoryNameJsonConverter<ProcessStatus>))]
public enum ProcessStatus
{
    /// <summary>Written, not yet handed to its saga.</summary>
    Pending,

    /// <summary>Handed to its saga by the batch dispatcher; its first step has not been sent yet.</summary>
    InProgress,

    /// <summary>A step's command is out; the process waits for its reply.</summary>
    WaitingForReply,

    /// <summary>A step faulted or timed out; an operator retries, completes or cancels it.</summary>
    [JsonStringEnumMemberName("WAITING_FOR_TSQ")]
    InTroubleshootingQueue,

    /// <summary>Undoing the steps done, last first.</summary>
    Compensating,

    Completed,

    /// <summary>An operator canceled it in the troubleshooting queue and its done steps, if any, were undone (DESIGN.md); counts as completed (S090 AC4).</summary>
    Compensated,

    /// <summary>A compensation itself failed, or went unanswered after its attempts; the error stays on the process.</summary>
    Failed,

    /// <summary>
    /// Ended without finishing its steps: a business rule rejected a step (its done steps undone first),
    /// or its batch was canceled (a PENDING process, or a running one at its next step boundary).
    /// </summary>
    Canceled,
}

public static class ProcessStatusExtensions
{
    /// <summary>A process in a final status takes no more work; its row stays.</summary>
    public static bool IsFinal(this ProcessStatus status) =>
        status is ProcessStatus.Completed or ProcessStatus.Compensated or ProcessStatus.Failed or ProcessStatus.Canceled;

    public static bool IsOpen(this ProcessStatus status) => !status.IsFinal();

    /// <summary>Counted in its batch's failed (<c>canceled_count</c>) column; the other final statuses count as completed.</summary>
    public static bool IsFailure(this ProcessStatus status) => status is ProcessStatus.Failed or ProcessStatus.Canceled;

    /// <summary>The state a saga instance is in before it handled StartProcess is a process not started.</summary>
    public static ProcessStatus FromStateName(string? stateName) =>
        string.IsNullOrEmpty(stateName) || stateName == "Initial"
            ? ProcessStatus.Pending
            : Enum.TryParse<ProcessStatus>(stateName, out var status) && Enum.IsDefined(status)
                ? status
                : throw new ArgumentOutOfRangeException(nameof(stateName), stateName, "Not a process state");

    public static string StateName(this ProcessStatus status) => status.ToString();
}
