namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// A process request (a StartProcess message's, or one given to ProcessStarter) that breaks the rules
/// the API applies: retrying cannot help, so the message faults to the process endpoint's error queue
/// and no process is created.
/// </summary>
public sealed class InvalidProcessRequestException(Guid processId, IDictionary<string, string[]> errors)
    : Exception($"The request of process {processId} is invalid: "
        + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
