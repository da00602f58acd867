namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// What the watchdog does for the endpoints dead long enough: start the stopped ones again,
/// reconnect the bus for the wedged ones, and leave the faulted ones to MassTransit's retries.
/// </summary>
public sealed record HealingPlan(IReadOnlyList<EndpointWatch> Endpoints, bool MayReconnect)
{
    public static readonly HealingPlan Nothing = new([], false);

    public bool IsNothing => Endpoints.Count == 0;

    /// <summary>Endpoints that were stopped: stopping and starting them again is quick and safe.</summary>
    public IEnumerable<EndpointWatch> ToRestart => Endpoints.Where(endpoint => endpoint.Stopped);

    /// <summary>
    /// Endpoints MassTransit believes running, yet without a consumer or taking nothing: wedged. One
    /// cannot be restarted: stopping it waits forever on its wedged transport (and leaves it unable
    /// to start), and so does stopping the bus. Closing the bus's connection makes MassTransit rebuild
    /// every channel and consumer; an endpoint still dead after that is wedged inside MassTransit
    /// (#2072), and only a new process helps: liveness fails after
    /// <see cref="ConsumerWatchdogOptions.UnhealthyAfter"/>.
    /// </summary>
    public IEnumerable<EndpointWatch> Wedged => Endpoints.Where(endpoint => !endpoint.Stopped && !endpoint.Faulted && endpoint.Heals == 0);

    /// <summary>
    /// Whether to close the bus's connection: for a wedged endpoint, at most once per
    /// <see cref="ConsumerWatchdogOptions.UnhealthyAfter"/> (<see cref="MayReconnect"/>). A second
    /// reconnect would only knock down the consumers the first brought back, each then waiting on
    /// MassTransit's retry; what the first did not heal, a new process does. A faulted endpoint
    /// never asks for one: MassTransit is already trying the broker again every few seconds.
    /// </summary>
    public bool Reconnect => MayReconnect && Wedged.Any();

    /// <summary>The endpoints something is done for now; the faulted ones are only waited on.</summary>
    public IEnumerable<EndpointWatch> Healing => ToRestart.Concat(Reconnect ? Wedged : []);

    /// <summary>Endpoints dead for <paramref name="deadAfter"/>, since they went dead or since their last heal.</summary>
    public static HealingPlan For(IEnumerable<EndpointWatch> endpoints, DateTimeOffset now, TimeSpan deadAfter, bool mayReconnect = true)
    {
        var due = endpoints.Where(endpoint => endpoint.DueForHealing(now, deadAfter)).ToList();
        return due.Count == 0 ? Nothing : new HealingPlan(due, mayReconnect);
    }
}
