namespace ProcessBatching.Components.Watchdog;

/// <summary>What the last probe found, for the health checks.</summary>
public sealed record WatchdogReport(DateTimeOffset? ProbedAt, bool BrokerAnswered, IReadOnlyList<DeadEndpoint> Dead)
{
    public static readonly WatchdogReport NotYetProbed = new(null, true, []);

    public IEnumerable<DeadEndpoint> BeyondHealing => Dead.Where(endpoint => endpoint.BeyondHealing);
}

public sealed record DeadEndpoint(string Queue, string Reason, DateTimeOffset DeadSince, int Heals, bool BeyondHealing)
{
    public string Describe(DateTimeOffset now) =>
        $"{Queue}: {Reason} for {(now - DeadSince).TotalSeconds:0} s{(Heals > 0 ? $", {Heals} restart(s) tried" : "")}";
}
