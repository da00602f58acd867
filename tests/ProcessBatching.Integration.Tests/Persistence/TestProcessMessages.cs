namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>Step <see cref="Step"/> of <see cref="StepCount"/> is done; any step may be the first the process sees.</summary>
public record TestStepCompleted(Guid ProcessId, int Step, int StepCount);

/// <summary>A step that announces itself and then fails.</summary>
public record TestStepFailing(Guid ProcessId);

/// <summary>A step that meets a database outage on its first <see cref="Outages"/> deliveries.</summary>
public record TestStepInterrupted(Guid ProcessId, int Outages);

public record TestStepAnnounced(Guid ProcessId);

public record TestProcessFinished(Guid ProcessId, int Received);
