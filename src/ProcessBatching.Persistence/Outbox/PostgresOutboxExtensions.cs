using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Persistence.Outbox;

public static class PostgresOutboxExtensions
{
    /// <summary>
    /// The transactional outbox and inbox on <typeparamref name="TDbContext"/> (which calls
    /// <see cref="OutboxModelBuilderExtensions.MapPostgresOutbox"/>): the consumer outbox for
    /// endpoints that <see cref="UsePostgresOutbox{TDbContext}"/>, the bus outbox for scoped
    /// publishers, durable delayed redelivery for endpoints that <see cref="DurableRedeliveryExtensions.UseDurableRedelivery"/>,
    /// the delivery service and the inbox cleanup.
    /// </summary>
    public static void AddPostgresOutbox<TDbContext>(this IBusRegistrationConfigurator configurator, Action<PostgresOutboxOptions>? configure = null)
        where TDbContext : DbContext
    {
        configurator.AddOptions<PostgresOutboxOptions>().Configure(options => configure?.Invoke(options));
        configurator.AddOptions<DurableRedeliveryOptions>();
        configurator.TryAddSingleton<IDurableRedelivery, PostgresRedelivery<TDbContext>>();
        configurator.TryAddSingleton<OutboxDeliverySignal>();
        configurator.TryAddSingleton<CommittedOutboxes>();
        configurator.TryAddScoped<MessageStatements>();
        configurator.TryAddScoped<IOutboxContextFactory<TDbContext>, PostgresOutboxContextFactory<TDbContext>>();
        configurator.Replace(ServiceDescriptor.Scoped<IScopedBusContextProvider<IBus>, PostgresScopedBusContextProvider<TDbContext>>());
        configurator.TryAddSingleton<OutboxDeliveryService<TDbContext>>();
        configurator.AddHostedService(provider => provider.GetRequiredService<OutboxDeliveryService<TDbContext>>());
        configurator.AddHostedService<InboxCleanupService<TDbContext>>();
    }

    /// <summary>Every consumer and saga on this endpoint consumes through the inbox and sends through the outbox.</summary>
    public static void UsePostgresOutbox<TDbContext>(this IReceiveEndpointConfigurator configurator, IRegistrationContext context)
        where TDbContext : DbContext
    {
        var observer = new OutboxConsumePipeSpecificationObserver<TDbContext>(configurator, context);
        configurator.ConnectConsumerConfigurationObserver(observer);
        configurator.ConnectSagaConfigurationObserver(observer);
    }
}
