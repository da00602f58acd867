using System.Text.Json.Serialization;

namespace ProcessBatching.Components.Statuses;

/// <summary>Where one step command stands (<c>commandbus.command.status</c>).</summary>
[JsonConverter(typeof(StoryNameJsonConverter<CommandStatus>))]
public enum CommandStatus
{
    Pending,
    InProgress,
    Completed,
    Failed,
    Canceled,

    /// <summary>It faulted; its process (or, in a command batch, the command) waits for an operator.</summary>
    InTroubleshootingQueue,
}

public static class CommandStatusExtensions
{
    public static bool IsFinal(this CommandStatus status) =>
        status is CommandStatus.Completed or CommandStatus.Failed or CommandStatus.Canceled;

    public static bool IsOpen(this CommandStatus status) => !status.IsFinal();

    public static bool IsFailure(this CommandStatus status) => status is CommandStatus.Failed or CommandStatus.Canceled;
}
