namespace ProcessBatching.Components.StateMachines;

/// <summary>Values of <c>command.status</c>.</summary>
public static class CommandStatus
{
    public const string Pending = "PENDING";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";
    public const string InTroubleshootingQueue = "IN_TROUBLESHOOTING_QUEUE";
}
