using ProcessBatching.Persistence;

namespace ProcessBatching.Components.Batches;

/// <summary>Wakes the dispatcher of this replica when a batch is committed or its processes finish, instead of at its next poll.</summary>
public sealed class ProcessDispatchSignal : WakeUpSignal;
