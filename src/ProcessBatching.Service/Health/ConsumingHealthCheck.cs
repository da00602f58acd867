using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessBatching.Components.Watchdog;

namespace ProcessBatching.Service.Health;

/// <summary>Readiness: unhealthy while the watchdog finds an endpoint of this replica not consuming, or cannot reach the broker.</summary>
public sealed class ConsumingHealthCheck(ConsumerWatchdog watchdog, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = watchdog.Report;
        var now = clock.GetUtcNow();
        return Task.FromResult(report switch
        {
            { ProbedAt: null } => HealthCheckResult.Healthy("not probed yet"),
            { BrokerAnswered: false } => HealthCheckResult.Unhealthy("the broker did not answer the last probe"),
            { Dead.Count: > 0 } => HealthCheckResult.Unhealthy("not consuming: " + string.Join("; ", report.Dead.Select(endpoint => endpoint.Describe(now)))),
            _ => HealthCheckResult.Healthy("every endpoint has a consumer taking its messages"),
        });
    }
}
