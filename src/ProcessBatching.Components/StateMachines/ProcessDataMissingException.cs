namespace ProcessBatching.Components.StateMachines;

/// <summary>A StartProcess that names no process data and finds no process row: retrying cannot help.</summary>
public sealed class ProcessDataMissingException(Guid processId)
    : Exception($"StartProcess for process {processId} carries no request and no process row exists.");
