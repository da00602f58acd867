using MassTransit;
using Microsoft.Extensions.Options;
using ProcessBatching.Components;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Watchdog;
using ProcessBatching.Persistence.Outbox;
using ProcessBatching.Persistence.Redelivery;
using ProcessBatching.Persistence.Sagas;
using ProcessBatching.Service.Telemetry;

namespace ProcessBatching.Service.Hosting;

public static class MessagingExtensions
{
    /// <summary>The bus on RabbitMQ with the endpoints of this replica's roles.</summary>
    public static IServiceCollection AddProcessBatchingMessaging(this IServiceCollection services, ServiceRoles roles)
    {
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IProcessJournal, PostgresProcessJournal>();
        services.AddSingleton<IProcessEndpointOutbox, ProcessEndpointOutbox>();
        services.AddOptions<PostgresOutboxOptions>().BindConfiguration("Outbox");
        services.AddOptions<StepTimeoutOptions>().BindConfiguration(StepTimeoutOptions.Section);
        services.AddOptions<DurableRedeliveryOptions>().BindConfiguration(DurableRedeliveryOptions.Section);
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.ConsumerStopTimeout = Shutdown.ConsumersFinish;
            host.StopTimeout = Shutdown.BusStops;
        });
        services.Configure<HostOptions>(host => host.ShutdownTimeout = Shutdown.HostStops);
        services.AddBusObserver<BrokerReconnectPolicy>();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddPostgresOutbox<ProcessBatchingDbContext>();
            bus.AddQuorumQueues();
            if (roles.Processes)
            {
                bus.AddStatementReportProcess().PostgresRepository<StatementReportState, ProcessBatchingDbContext>();
                bus.AddHostedService<StepDeadlineSweep>();
            }

            if (roles.Workers)
            {
                bus.AddStatementReportWorkers();
            }

            if (roles.Batches)
            {
                bus.AddBatchesRole();
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(options.Host, options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                });
                rabbit.UseConsumeFilter(typeof(MessageLogScopeFilter<>), context);
                if (options.QuorumQueues)
                {
                    QuorumQueues.Apply(rabbit);
                }

                rabbit.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
