namespace ProcessBatching.Components.Watchdog;

/// <summary>Bound from the <c>Watchdog</c> section (<c>Watchdog__DeadAfter</c> and so on).</summary>
public sealed class ConsumerWatchdogOptions
{
    public const string Section = "Watchdog";

    /// <summary>False leaves consumers to MassTransit's own reconnection and reports nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often every endpoint's queue is asked for its consumers and ready messages.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an endpoint may stay without a working consumer before it is restarted (and, if that did not help, the bus).</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an endpoint may stay dead in spite of healing before the service reports itself not live, to be restarted.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Whether the service stops itself (exit code <see cref="ConsumerWatchdog.ExitCodeBeyondHealing"/>)
    /// once an endpoint is dead beyond healing, for its supervisor to start it again: a new process
    /// is the one cure for a wedged endpoint, and restarting is safe (nothing acknowledged is lost).
    /// Where an orchestrator already acts on <c>/health/live</c>, either way works.
    /// </summary>
    public bool StopServiceBeyondHealing { get; set; } = true;

    /// <summary>How long stopping or starting an endpoint or the bus may take before it counts as failed.</summary>
    public TimeSpan RestartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
