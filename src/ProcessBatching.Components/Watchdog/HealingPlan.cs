namespace ProcessBatching.Components.Watchdog;

/// <summary>What the watchdog does after a probe: nothing, restart some endpoints, or restart the bus.</summary>
public sealed record HealingPlan(IReadOnlyList<EndpointWatch> Endpoints, bool RestartBus)
{
    public static readonly HealingPlan Nothing = new([], false);

    public bool IsNothing => Endpoints.Count == 0;

    /// <summary>
    /// Endpoints dead for <paramref name="deadAfter"/> are restarted one by one the first time; an
    /// endpoint still dead after its own restart means the connection or the bus is wedged, so the
    /// whole bus is restarted.
    /// </summary>
    public static HealingPlan For(IEnumerable<EndpointWatch> endpoints, DateTimeOffset now, TimeSpan deadAfter)
    {
        var due = endpoints.Where(endpoint => endpoint.DueForHealing(now, deadAfter)).ToList();
        if (due.Count == 0)
        {
            return Nothing;
        }

        return new HealingPlan(due, RestartBus: due.Any(endpoint => endpoint.Heals > 0));
    }
}
