namespace ProcessBatching.Faults.Scenarios;

/// <summary>One fault: what was done, when it began and when it was over (the service, broker or database back).</summary>
public sealed record FaultMark(string What, TimeSpan Began, TimeSpan Ended);
