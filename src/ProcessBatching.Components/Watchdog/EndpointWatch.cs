namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// One receive endpoint this replica should run, judged at each probe. It is dead when its queue has
/// no consumer, when MassTransit reports it faulted, or when messages wait on its queue while this
/// replica took none of them since the last probe and handles none: after a broker restart the
/// endpoint can stay "ready" with its consumer gone (MassTransit #2072, #5692, #6095).
/// </summary>
public sealed class EndpointWatch(string queue)
{
    private long? _receivedAtLastProbe;
    private DateTimeOffset? _lastHealedAt;

    public string Queue { get; } = queue;

    /// <summary>Since when the endpoint has been dead without a break; null while it consumes.</summary>
    public DateTimeOffset? DeadSince { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Heals tried since the endpoint went dead.</summary>
    public int Heals { get; private set; }

    /// <summary>Someone stopped the endpoint (it will not start by itself): it needs starting, not a new connection.</summary>
    public bool Stopped { get; private set; }

    /// <summary>MassTransit reports the endpoint faulted: it lost its transport and MassTransit is trying the broker again (<see cref="BrokerReconnectPolicy"/>).</summary>
    public bool Faulted { get; private set; }

    public bool IsDead => DeadSince is not null;

    /// <summary>
    /// Takes one probe. A broker that did not answer says nothing about the endpoint (the bus is
    /// reconnecting, which is MassTransit's job), so the verdict stays as it was; but a dead
    /// endpoint's clock starts again from here: time without a broker counts neither toward healing
    /// nor toward liveness, since a new connection or a new process would not reach it either.
    /// </summary>
    public void Observe(DateTimeOffset now, QueueReading? broker, LocalActivity local)
    {
        if (broker is not { } queue)
        {
            if (DeadSince is not null)
            {
                DeadSince = now;
            }

            return;
        }

        var reason = DeadReason(queue, local);
        _receivedAtLastProbe = local.Received;
        Stopped = local.Stopped;
        Faulted = local.Faulted;
        if (reason is null)
        {
            DeadSince = null;
            Reason = null;
            Heals = 0;
            _lastHealedAt = null;
            return;
        }

        DeadSince ??= now;
        Reason = reason;
    }

    /// <summary>Dead for <paramref name="deadAfter"/> since it went dead or since the last heal, which had that long to work.</summary>
    public bool DueForHealing(DateTimeOffset now, TimeSpan deadAfter) =>
        DeadSince is { } since && now - (_lastHealedAt ?? since) >= deadAfter;

    public void Healed(DateTimeOffset now)
    {
        _lastHealedAt = now;
        Heals++;
    }

    /// <summary>Dead for <paramref name="unhealthyAfter"/> in spite of healing: only a new process will help.</summary>
    public bool BeyondHealing(DateTimeOffset now, TimeSpan unhealthyAfter) =>
        DeadSince is { } since && now - since >= unhealthyAfter;

    private string? DeadReason(QueueReading queue, LocalActivity local)
    {
        if (local.Stopped)
        {
            return $"stopped, {queue.Ready} ready";
        }

        if (local.Faulted)
        {
            return $"faulted, {queue.Ready} ready";
        }

        if (queue.Consumers == 0)
        {
            return $"no consumer, {queue.Ready} ready";
        }

        var tookNone = _receivedAtLastProbe is { } before && local.Received == before && local.InFlight == 0;
        return queue.Ready > 0 && tookNone ? $"{queue.Ready} ready but none taken by this replica" : null;
    }
}
