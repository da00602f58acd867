using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProcessBatching.Service.Health;

/// <summary>
/// Degraded while the oldest undelivered outbox message waits longer than
/// <see cref="OutboxHealthOptions.OutboxDegradedAfter"/>: sends are committed but not reaching the
/// broker (a wedged send channel, a delivery service that died), and processes stop moving.
/// </summary>
public sealed class OutboxAgeHealthCheck(NpgsqlDataSource dataSource, IOptions<OutboxHealthOptions> options) : IHealthCheck
{
    // A delayed send (a redelivery, a step deadline) counts from its due time, not from when it was written.
    private const string OldestAge = """
        SELECT EXTRACT(EPOCH FROM now() - min(due_at))::float8
        FROM commandbus.outbox_state
        WHERE due_at <= now()
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(OldestAge);
        if (await command.ExecuteScalarAsync(cancellationToken) is not double seconds)
        {
            return HealthCheckResult.Healthy("no undelivered message");
        }

        var age = TimeSpan.FromSeconds(seconds);
        var limit = options.Value.OutboxDegradedAfter;
        var description = $"oldest undelivered message waits {age.TotalSeconds:0.0} s (limit {limit.TotalSeconds:0} s)";
        return age > limit ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
    }
}
