using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence.Outbox;
using ProcessBatching.Persistence.Redelivery;
using ProcessBatching.Persistence.Sagas;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>
/// A host running the test saga on the fixture's database and vhost. Each spec names its own
/// endpoints (<paramref name="endpointPrefix"/>), so queues and error queues are the spec's own.
/// </summary>
public sealed class SagaHost(IHost host, IntegrationFixture fixture, string endpointPrefix) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;
    public IBus Bus => host.Services.GetRequiredService<IBus>();
    public string EndpointPrefix => endpointPrefix;

    /// <summary>Short waits, so a spec sees every redelivery within seconds.</summary>
    public static readonly TimeSpan[] RedeliveryIntervals = [TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600)];

    public static Task<SagaHost> StartAsync(
        IntegrationFixture fixture, string endpointPrefix, PublishedEvents events, bool outbox = true, bool delivery = true,
        bool insertOnInitial = false, Action<PostgresOutboxOptions>? configure = null, IInterceptor? interceptor = null)
    {
        // MassTransit keeps its log context in an AsyncLocal: a host started from a flow that saw an
        // earlier, disposed host would log through that host's disposed logger factory.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() => Start(fixture, endpointPrefix.Replace('_', '-'), events, outbox, delivery, insertOnInitial, configure, interceptor));
        }
    }

    private static async Task<SagaHost> Start(
        IntegrationFixture fixture, string endpointPrefix, PublishedEvents events, bool outbox, bool delivery,
        bool insertOnInitial, Action<PostgresOutboxOptions>? configure, IInterceptor? interceptor)
    {
        await TestProcessDbContext.CreateTableAsync(fixture.ConnectionString);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(events);
        builder.Services.Configure<DurableRedeliveryOptions>(options => options.Intervals = RedeliveryIntervals);
        builder.Services.AddDbContext<TestProcessDbContext>(options =>
        {
            options.UseNpgsql(fixture.ConnectionString);
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(30);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            if (outbox)
            {
                bus.AddPostgresOutbox<TestProcessDbContext>(options =>
                {
                    options.DeliveryServiceEnabled = delivery;
                    configure?.Invoke(options);
                });
                bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
                {
                    endpoint.UseDurableRedelivery(context);
                    endpoint.UsePostgresOutbox<TestProcessDbContext>(context);
                });
            }

            // Both ways of choosing the repository: per saga, and for every saga registered after the call.
            if (insertOnInitial)
            {
                bus.AddSagaStateMachine<InsertingTestProcessStateMachine, TestProcessState>().PostgresRepository<TestProcessState, TestProcessDbContext>();
            }
            else
            {
                bus.SetPostgresSagaRepositoryProvider<TestProcessDbContext>();
                bus.AddSagaStateMachine<TestProcessStateMachine, TestProcessState>();
            }
            bus.AddConsumer<TestProcessFinishedConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(fixture.Services.RabbitHost, (ushort)fixture.Services.RabbitPort, fixture.VirtualHost, h =>
                {
                    h.Username(fixture.Services.RabbitUsername);
                    h.Password(fixture.Services.RabbitPassword);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        var app = builder.Build();
        await app.StartAsync();
        return new SagaHost(app, fixture, endpointPrefix);
    }

    /// <summary>Outbox messages not yet delivered.</summary>
    public async Task<int> UndeliveredAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestProcessDbContext>().Set<OutboxMessage>().CountAsync();
    }

    public async Task<TestProcessState?> FindAsync(Guid processId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestProcessDbContext>();
        return await db.Processes.AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == processId);
    }

    public async Task<int> CountAsync(IReadOnlyCollection<Guid> processIds, string state, int received)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestProcessDbContext>();
        return await db.Processes.CountAsync(x => processIds.Contains(x.CorrelationId) && x.CurrentState == state && x.Received == received);
    }

    /// <summary>
    /// Publishes a marker event straight to the broker, behind everything published to the event
    /// consumer's queue so far, and waits until the consumer has it. A queue delivers in order, so an
    /// event sent before the marker (by mistake, or a second time) has reached the consumer by then.
    /// </summary>
    public async Task AfterEveryEarlierEventAsync(PublishedEvents events)
    {
        var marker = Guid.NewGuid();
        await Bus.Publish(new TestStepAnnounced(marker));
        await Eventually.Holds(() => Task.FromResult(events.Announced(marker) == 1), TimeSpan.FromSeconds(30), "the marker event");
    }

    /// <summary>
    /// The same for the process's own queue: a marker process is started behind every step message
    /// sent so far, and its row awaited.
    /// </summary>
    public async Task AfterEveryEarlierStepAsync()
    {
        var marker = Guid.NewGuid();
        await Bus.Publish(new TestStepCompleted(marker, 0, 2));
        await Eventually.Holds(async () => await FindAsync(marker) is not null, TimeSpan.FromSeconds(30), "the marker process");
    }

    /// <summary>Messages waiting in this host's error and skipped queues, as the queues count them.</summary>
    public async Task<long> FaultedMessagesAsync()
    {
        await using var rabbit = await RabbitProbe.ConnectAsync(fixture);
        return (await ErrorQueues.CountAsync(fixture, rabbit, endpointPrefix)).Values.Sum(count => (long)count);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
