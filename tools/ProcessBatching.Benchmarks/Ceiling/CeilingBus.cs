using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessBatching.Benchmarks.Support;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>
/// A bus of the tool's own on the run's virtual host, with endpoints named <c>bench-ceiling-…</c>
/// so the broker counters of the end-to-end runs can leave them out.
/// </summary>
public sealed class CeilingBus(ServiceProvider services, IBusControl bus) : IAsyncDisposable
{
    public const string EndpointPrefix = "bench-ceiling";

    public IBus Bus => bus;
    public IServiceProvider Services => services;

    public static async Task<CeilingBus> StartAsync(
        BenchmarkServers servers, Action<IServiceCollection> addServices, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        addServices(collection);
        collection.AddMassTransit(registration =>
        {
            registration.DisableUsageTelemetry();
            registration.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(EndpointPrefix, false));
            addConsumers(registration);
            registration.UsingRabbitMq((context, rabbit) =>
            {
                var settings = servers.Settings;
                rabbit.Host(settings.RabbitHost, (ushort)settings.RabbitPort, servers.VirtualHost, host =>
                {
                    host.Username(settings.RabbitUsername);
                    host.Password(settings.RabbitPassword);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        var provider = collection.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);

        // The outbox's delivery and cleanup services; the bus itself was started above.
        foreach (var service in BackgroundServices(provider))
        {
            await service.StartAsync(timeout.Token);
        }

        return new CeilingBus(provider, bus);
    }

    private static IEnumerable<IHostedService> BackgroundServices(IServiceProvider provider) =>
        provider.GetServices<IHostedService>().Where(service => service.GetType().Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) != true);

    /// <summary>Publishes in chunks, so a large run does not hold every publish confirmation in flight at once.</summary>
    public async Task PublishAllAsync<T>(IReadOnlyList<T> messages)
        where T : class
    {
        foreach (var chunk in messages.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(message => bus.Publish(message)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var service in BackgroundServices(services))
        {
            await service.StopAsync(timeout.Token);
        }

        await bus.StopAsync(timeout.Token);
        await services.DisposeAsync();
    }
}
