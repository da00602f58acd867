namespace ProcessBatching.Components.StateMachines;

/// <summary>Values of <c>process_audit.reply_outcome</c>.</summary>
public static class ReplyOutcome
{
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";
}
