namespace ProcessBatching.Components.Watchdog;

/// <summary>What the broker says about an endpoint's queue: consumers attached (this replica's and others') and messages ready.</summary>
public readonly record struct QueueReading(uint Consumers, uint Ready);

/// <summary>
/// What this replica saw of an endpoint: messages received so far, messages being handled now,
/// whether MassTransit reports it faulted, and whether someone stopped it (it will not start again by itself).
/// </summary>
public readonly record struct LocalActivity(long Received, int InFlight, bool Faulted, bool Stopped = false);
