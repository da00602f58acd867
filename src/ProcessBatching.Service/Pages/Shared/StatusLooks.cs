using System.Text.Json;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Pages.Shared;

/// <summary>How a status looks: its label and its tone (the badge colour in site.css).</summary>
public sealed record StatusLook(string Name, string Label, string Tone, bool IsOpen);

/// <summary>
/// The one map from statuses to labels and tones, for the pages and their scripts (the layout
/// writes it as JSON for batch-live.js and process-live.js). Change a colour or a label here.
/// </summary>
public static class StatusLooks
{
    private const string Idle = "idle", Running = "running", Ok = "ok", Attention = "attention", Failure = "failure";

    /// <summary>The timeline's marker for a command sent and not answered yet.</summary>
    public const string AwaitingReply = "AWAITING_REPLY";

    /// <summary>The timeline's marker for an operator's request (retry, complete, cancel, redrive).</summary>
    public const string OperatorRequest = "OPERATOR_REQUEST";

    /// <summary>The timeline's marker for the faulted command of a process waiting for an operator.</summary>
    public static readonly string InTroubleshootingQueue = StoryName<CommandStatus>.Of(CommandStatus.InTroubleshootingQueue);

    public static IReadOnlyDictionary<string, StatusLook> Processes { get; } = Map<ProcessStatus>(status => status switch
    {
        ProcessStatus.Pending => Idle,
        ProcessStatus.InProgress or ProcessStatus.WaitingForReply => Running,
        ProcessStatus.InTroubleshootingQueue or ProcessStatus.Compensating => Attention,
        ProcessStatus.Completed or ProcessStatus.Compensated => Ok,
        _ => Failure,
    }, status => status.IsOpen());

    public static IReadOnlyDictionary<string, StatusLook> Batches { get; } = Map<BatchStatus>(status => status switch
    {
        BatchStatus.Pending => Idle,
        BatchStatus.InProgress => Running,
        BatchStatus.Completed => Ok,
        // CANCELED is an operator's decision, shown like COMPLETED_WITH_FAILURES: not all of it ran.
        BatchStatus.CompletedWithFailures or BatchStatus.Canceled => Attention,
        _ => Attention,
    }, status => status.IsOpen());

    /// <summary>A command's answer on the process page's timeline: an abandoned command (retried or canceled) is no failure of the process.</summary>
    public static IReadOnlyDictionary<string, StatusLook> Replies { get; } = new Dictionary<string, StatusLook>
    {
        [ReplyOutcome.Success] = new(ReplyOutcome.Success, ReplyOutcome.Success, Ok, false),
        [ReplyOutcome.Failed] = new(ReplyOutcome.Failed, ReplyOutcome.Failed, Failure, false),
        [ReplyOutcome.Canceled] = new(ReplyOutcome.Canceled, ReplyOutcome.Canceled, Attention, false),
        [AwaitingReply] = new(AwaitingReply, AwaitingReply, Running, true),
        [InTroubleshootingQueue] = new(InTroubleshootingQueue, InTroubleshootingQueue, Attention, true),
        [OperatorRequest] = new(OperatorRequest, OperatorRequest, Idle, false),
    };

    /// <summary>The map as the scripts read it: <c>{ "process": {...}, "batch": {...}, "waitingForOperator": "..." }</c>.</summary>
    public static string Json { get; } = JsonSerializer.Serialize(
        new { Process = Processes, Batch = Batches, WaitingForOperator = StoryName<ProcessStatus>.Of(ProcessStatus.InTroubleshootingQueue) },
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    public static StatusLook Of(ProcessStatus status) => Processes[StoryName<ProcessStatus>.Of(status)];

    public static StatusLook Of(BatchStatus status) => Batches[StoryName<BatchStatus>.Of(status)];

    public static StatusLook OfReply(string outcome) => Replies.GetValueOrDefault(outcome) ?? new(outcome, outcome, Idle, false);

    private static Dictionary<string, StatusLook> Map<TStatus>(Func<TStatus, string> tone, Func<TStatus, bool> isOpen)
        where TStatus : struct, Enum =>
        Enum.GetValues<TStatus>().ToDictionary(
            status => StoryName<TStatus>.Of(status),
            status => new StatusLook(StoryName<TStatus>.Of(status), StoryName<TStatus>.Of(status), tone(status), isOpen(status)));
}
