namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// The process statuses stored in <c>commandbus.process.status</c> and carried by
/// ProcessStatusChanged, and their MassTransit state names (PascalCase).
/// </summary>
public static class ProcessStatus
{
    /// <summary>Written, not yet handed to its saga.</summary>
    public const string Pending = "PENDING";

    /// <summary>Handed to its saga by the batch dispatcher; its first step has not been sent yet.</summary>
    public const string InProgress = "IN_PROGRESS";
    public const string WaitingForReply = "WAITING_FOR_REPLY";
    public const string WaitingForTsq = "WAITING_FOR_TSQ";
    public const string Compensating = "COMPENSATING";
    public const string Completed = "COMPLETED";
    public const string Compensated = "COMPENSATED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";

    static readonly Dictionary<string, string> StatusByStateName = new()
    {
        ["Pending"] = Pending,
        ["InProgress"] = InProgress,
        ["WaitingForReply"] = WaitingForReply,
        ["WaitingForTsq"] = WaitingForTsq,
        ["Compensating"] = Compensating,
        ["Completed"] = Completed,
        ["Compensated"] = Compensated,
        ["Failed"] = Failed,
        ["Canceled"] = Canceled,
    };

    static readonly Dictionary<string, string> StateNameByStatus =
        StatusByStateName.ToDictionary(x => x.Value, x => x.Key);

    public static IReadOnlyCollection<string> All => StateNameByStatus.Keys;

    /// <summary>
    /// MassTransit's implicit Initial state (a saga instance that has not handled StartProcess yet)
    /// is a process that has not started: PENDING.
    /// </summary>
    public static string FromStateName(string? stateName) =>
        string.IsNullOrEmpty(stateName) || stateName == "Initial"
            ? Pending
            : StatusByStateName.TryGetValue(stateName, out var status)
                ? status
                : throw new ArgumentOutOfRangeException(nameof(stateName), stateName, "Not a process state");

    public static string ToStateName(string status) =>
        StateNameByStatus.TryGetValue(status, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(status), status, "Not a process status");

    /// <summary>A process in a final status takes no more work; its row stays.</summary>
    public static bool IsFinal(string status) => status is Completed or Compensated or Failed or Canceled;
}
