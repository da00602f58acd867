using MassTransit;
using MassTransit.Transports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// Checks every probe interval that each receive endpoint of this replica has a consumer taking the
/// messages ready on its queue, and heals one that stays dead: an endpoint that was stopped is
/// started again; for one MassTransit believes running the bus's connection is closed once so that
/// MassTransit reconnects; a faulted one is left to MassTransit's own retries (<see cref="HealingPlan"/>
/// says why). One still dead after <see cref="ConsumerWatchdogOptions.UnhealthyAfter"/> fails
/// liveness. Its <see cref="Report"/> feeds the readiness and liveness checks.
/// </summary>
public sealed class ConsumerWatchdog(
    IBusControl bus,
    QueueProbe probe,
    EndpointActivity activity,
    ConsumerRestarts restarts,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IOptions<ConsumerWatchdogOptions> options,
    ILogger<ConsumerWatchdog> logger) : BackgroundService
{
    /// <summary>EX_TEMPFAIL: the service stopped itself to be started again (deploy/run.sh does).</summary>
    public const int ExitCodeBeyondHealing = 75;

    private static readonly TimeSpan ForcedExitAfter = TimeSpan.FromSeconds(15);

    private bool _stopping;
    private DateTimeOffset? _reconnectedAt;
    private readonly Dictionary<string, EndpointWatch> _watches = new(StringComparer.OrdinalIgnoreCase);

    public WatchdogReport Report { get; private set; } = WatchdogReport.NotYetProbed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.ProbeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ProbeAndHealAsync(settings, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Consumer watchdog probe failed");
            }
        }
    }

    private async Task ProbeAndHealAsync(ConsumerWatchdogOptions settings, CancellationToken cancellationToken)
    {
        var endpoints = ExpectedEndpoints();
        var readings = await probe.ReadAsync(endpoints.Keys, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (queue, health) in endpoints)
        {
            var watch = WatchOf(queue);
            var wasDead = watch.IsDead;
            watch.Observe(now, readings[queue], activity.For(queue, health.Status == BusHealthStatus.Unhealthy));
            LogChange(watch, wasDead);
        }

        var mayReconnect = _reconnectedAt is not { } reconnected || now - reconnected >= settings.UnhealthyAfter;
        var plan = HealingPlan.For(endpoints.Keys.Select(WatchOf), now, settings.DeadAfter, mayReconnect);
        await HealAsync(plan, endpoints, cancellationToken);
        Report = new WatchdogReport(now, readings.Values.Any(reading => reading is not null) || readings.Count == 0,
            [.. endpoints.Keys.Select(WatchOf).Where(watch => watch.IsDead).Select(watch => new DeadEndpoint(
                watch.Queue, watch.Reason!, watch.DeadSince!.Value, watch.Heals, watch.BeyondHealing(now, settings.UnhealthyAfter)))]);
        if (settings.StopServiceBeyondHealing && Report.BeyondHealing.Any() && !_stopping)
        {
            _stopping = true;
            logger.LogCritical("Stopping the service to be started again: {Endpoints} did not heal",
                string.Join("; ", Report.BeyondHealing.Select(endpoint => endpoint.Describe(now))));
            Environment.ExitCode = ExitCodeBeyondHealing;
            lifetime.StopApplication();

            // Stopping waits on the wedged endpoint's bus; past a bound the process simply ends, as
            // kill -9 would (nothing acknowledged is lost: its messages and outbox rows wait).
            _ = Task.Delay(ForcedExitAfter, CancellationToken.None).ContinueWith(_ => Environment.Exit(ExitCodeBeyondHealing), TaskScheduler.Default);
        }
    }

    /// <summary>The endpoints this replica's roles configured, by queue; the bus's own temporary reply endpoint is left out.</summary>
    private Dictionary<string, EndpointHealthResult> ExpectedEndpoints() =>
        bus.CheckHealth().Endpoints.Values
            .Where(endpoint => endpoint.ReceiveEndpoint is not ReceiveEndpoint { IsBusEndpoint: true })
            .ToDictionary(endpoint => EndpointActivity.QueueOf(endpoint.InputAddress), StringComparer.OrdinalIgnoreCase);

    private async Task HealAsync(HealingPlan plan, Dictionary<string, EndpointHealthResult> endpoints, CancellationToken cancellationToken)
    {
        if (plan.IsNothing)
        {
            return;
        }

        foreach (var watch in plan.ToRestart)
        {
            logger.LogWarning("Starting receive endpoint {Queue} again: {Reason} since {DeadSince:O}", watch.Queue, watch.Reason, watch.DeadSince);
            await restarts.RestartEndpointAsync(endpoints[watch.Queue].ReceiveEndpoint, cancellationToken);
        }

        if (plan.Reconnect)
        {
            logger.LogWarning("Reconnecting the bus: {Endpoints} not consuming",
                string.Join("; ", plan.Wedged.Select(watch => $"{watch.Queue} ({watch.Reason} since {watch.DeadSince:O})")));
            _reconnectedAt = clock.GetUtcNow();
            await restarts.ReconnectAsync(cancellationToken);
        }

        var healedAt = clock.GetUtcNow();
        foreach (var watch in plan.Healing.ToList())
        {
            watch.Healed(healedAt);
        }
    }

    private void LogChange(EndpointWatch watch, bool wasDead)
    {
        if (watch.IsDead && !wasDead)
        {
            logger.LogWarning("Receive endpoint {Queue} is not consuming: {Reason}", watch.Queue, watch.Reason);
        }
        else if (!watch.IsDead && wasDead)
        {
            logger.LogInformation("Receive endpoint {Queue} is consuming again", watch.Queue);
        }
    }

    private EndpointWatch WatchOf(string queue)
    {
        if (!_watches.TryGetValue(queue, out var watch))
        {
            _watches[queue] = watch = new EndpointWatch(queue);
        }

        return watch;
    }
}
