using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessBatching.Components.Watchdog;
using ProcessBatching.Service.Hosting;
using RabbitMQ.Client;

namespace ProcessBatching.Service.Health;

public static class HealthExtensions
{
    /// <summary>
    /// The consumer watchdog and the checks behind <c>/health/ready</c> (tag <c>ready</c>: the
    /// database, the schema migrated, the bus, every endpoint consuming, the outbox's age),
    /// <c>/health/startup</c> (tag <c>startup</c>: the schema migrated) and <c>/health/live</c> (tag
    /// <c>live</c>: healing has not failed for minutes).
    /// </summary>
    public static IHealthChecksBuilder AddProcessBatchingHealth(this IServiceCollection services)
    {
        services.AddOptions<ConsumerWatchdogOptions>().BindConfiguration(ConsumerWatchdogOptions.Section);
        services.AddOptions<OutboxHealthOptions>().BindConfiguration(OutboxHealthOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EndpointActivity>();
        services.AddReceiveObserver(provider => provider.GetRequiredService<EndpointActivity>());
        services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<EndpointActivity>());
        services.AddSingleton(provider => ProbeConnection(provider.GetRequiredService<IOptions<RabbitMqOptions>>().Value));
        services.AddSingleton<QueueProbe>();
        services.AddSingleton<ConsumerRestarts>();
        services.AddSingleton<ConsumerWatchdog>();
        services.AddHostedService(provider => provider.GetRequiredService<ConsumerWatchdog>());

        services.TryAddSingleton<SchemaMigration>();
        return services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready", "startup"])
            .AddCheck<ConsumingHealthCheck>("consumers", tags: ["ready"])
            .AddCheck<OutboxAgeHealthCheck>("outbox", tags: ["ready"])
            .AddCheck<HealingHealthCheck>("consumer-healing", tags: ["live"]);
    }

    public static WebApplication MapProcessBatchingHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = check => check.Tags.Contains("live"), ResponseWriter = HealthJson.WriteAsync });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthJson.WriteAsync });
        // For a startup probe: answers once the schema is migrated, however long that takes, so
        // liveness is not judged during a long migration.
        app.MapHealthChecks("/health/startup", new() { Predicate = check => check.Tags.Contains("startup"), ResponseWriter = HealthJson.WriteAsync });
        return app;
    }

    private static ConnectionFactory ProbeConnection(RabbitMqOptions options) => new()
    {
        HostName = options.Host,
        Port = options.Port,
        VirtualHost = options.VirtualHost,
        UserName = options.Username,
        Password = options.Password,
        // Each probe reconnects if needed; a background recovery would only race it.
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        ContinuationTimeout = TimeSpan.FromSeconds(5),
    };
}
