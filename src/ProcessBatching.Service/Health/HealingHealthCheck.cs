using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessBatching.Components.Watchdog;

namespace ProcessBatching.Service.Health;

/// <summary>
/// Liveness: unhealthy once an endpoint has stayed dead past <c>Watchdog__UnhealthyAfter</c> in
/// spite of restarts, so the orchestrator replaces the process. A broker that does not answer never
/// counts here: a new process would not reach it either.
/// </summary>
public sealed class HealingHealthCheck(ConsumerWatchdog watchdog, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = watchdog.Report;
        var now = clock.GetUtcNow();
        var beyondHealing = report.BeyondHealing.ToList();
        return Task.FromResult(
            beyondHealing.Count > 0 ? HealthCheckResult.Unhealthy("healing failed: " + string.Join("; ", beyondHealing.Select(endpoint => endpoint.Describe(now))))
            : report.Dead.Count > 0 ? HealthCheckResult.Healthy("healing: " + string.Join("; ", report.Dead.Select(endpoint => endpoint.Describe(now))))
            : HealthCheckResult.Healthy("nothing to heal"));
    }
}
