namespace ProcessBatching.Faults.Scenarios;

/// <summary>A named fault scenario: starts its replicas and batch, and injects its faults mid-batch.</summary>
public sealed record Scenario(string Name, string Fault, Func<ScenarioRun, Task> DriveAsync);
