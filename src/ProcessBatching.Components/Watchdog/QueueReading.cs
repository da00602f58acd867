namespace ProcessBatching.Components.Watchdog;

/// <summary>What the broker says about an endpoint's queue: consumers attached (this replica's and others') and messages ready.</summary>
public readonly record struct QueueReading(uint Consumers, uint Ready);

/// <summary>What this replica saw of an endpoint: messages received so far, messages being handled now, and whether MassTransit reports the endpoint faulted.</summary>
public readonly record struct LocalActivity(long Received, int InFlight, bool Faulted);
