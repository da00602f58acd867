using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessBatching.Service.Hosting;

namespace ProcessBatching.Service.Health;

/// <summary>Readiness and startup: unhealthy until this replica has brought the schema to its version.</summary>
public sealed class MigrationsHealthCheck(SchemaMigration migration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(migration.Done
            ? HealthCheckResult.Healthy("the schema is at this version's migrations")
            : HealthCheckResult.Unhealthy("migrating the schema"));
}
