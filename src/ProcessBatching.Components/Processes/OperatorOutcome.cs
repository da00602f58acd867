namespace ProcessBatching.Components.Processes;

public enum OperatorOutcome
{
    /// <summary>The request was handed to the process; its status changes once the saga acts on it.</summary>
    Accepted,

    /// <summary>The action does not apply to the process's status (any more), so there is nothing to act on.</summary>
    NotApplicable,

    NotFound,
}
