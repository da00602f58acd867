using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>What a step worker needs from its command to simulate the step and reply.</summary>
public sealed record StepWork(Guid ProcessId, Guid CommandId, StepBehavior Behavior, string ResultPath);
