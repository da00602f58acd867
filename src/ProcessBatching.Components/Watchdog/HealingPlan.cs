namespace ProcessBatching.Components.Watchdog;

/// <summary>What the watchdog does for the endpoints dead long enough: start the stopped ones again, reconnect once for the others.</summary>
public sealed record HealingPlan(IReadOnlyList<EndpointWatch> Endpoints)
{
    public static readonly HealingPlan Nothing = new([]);

    public bool IsNothing => Endpoints.Count == 0;

    /// <summary>Endpoints that were stopped: stopping and starting them again is quick and safe.</summary>
    public IEnumerable<EndpointWatch> ToRestart => Endpoints.Where(endpoint => endpoint.Stopped);

    /// <summary>
    /// An endpoint MassTransit believes running but without a consumer cannot be restarted: stopping
    /// it waits forever on its wedged transport (and leaves it unable to start), and so does stopping
    /// the bus. Closing the bus's connection, once per outage, makes MassTransit rebuild every channel
    /// and consumer; an endpoint still dead after that is wedged inside MassTransit (#2072), and only
    /// a new process helps: liveness fails after <see cref="ConsumerWatchdogOptions.UnhealthyAfter"/>.
    /// </summary>
    public bool Reconnect => Endpoints.Any(endpoint => !endpoint.Stopped && endpoint.Heals == 0);

    /// <summary>Endpoints dead for <paramref name="deadAfter"/>, since they went dead or since their last heal.</summary>
    public static HealingPlan For(IEnumerable<EndpointWatch> endpoints, DateTimeOffset now, TimeSpan deadAfter)
    {
        var due = endpoints.Where(endpoint => endpoint.DueForHealing(now, deadAfter)).ToList();
        return due.Count == 0 ? Nothing : new HealingPlan(due);
    }
}
