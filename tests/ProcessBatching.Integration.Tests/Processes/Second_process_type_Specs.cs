using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessBatching.Components;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence;
using ProcessBatching.Persistence.Outbox;
using ProcessBatching.Persistence.Sagas;

namespace ProcessBatching.Integration.Tests.Processes;

/// <summary>
/// What a second process type costs (docs/architecture.md): this file. A one-step Greeting process
/// keeps its rows in <c>commandbus.process</c>, runs on the persistence adapter, and announces its
/// statuses; the service's batch owner, unchanged, counts a batch of them and announces its end.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_holds_processes_of_a_second_type(IntegrationFixture fixture) : IAsyncLifetime
{
    private const int Processes = 10;
    private ServiceFactory _service = null!;
    private IHost _greetings = null!;
    private RabbitProbe _rabbit = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        // The batches role: progress consumer, batch owner, reconciler; no StatementReport saga or worker.
        _service = new ServiceFactory(fixture.ServiceConfiguration(roles: "batches"));
        await _service.StartReadyAsync();
        _greetings = await GreetingHost.StartAsync(fixture);
        _rabbit = await RabbitProbe.ConnectAsync(fixture);
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        await _greetings.StopAsync();
        _greetings.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Should_finish_the_batch_and_announce_it_once_its_processes_complete()
    {
        var completions = await _rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var batchId = Guid.NewGuid();
        var processIds = Enumerable.Range(0, Processes).Select(_ => Guid.NewGuid()).ToList();
        await fixture.ExecuteAsync(
            $$"""
            INSERT INTO commandbus.batch (domain, batch_id, name, status, batch_type, total_count, created_at)
            VALUES ('{{ProcessDomain.Name}}', '{{batchId}}', 'Greetings', 'PENDING', 'PROCESS', {{Processes}}, now());
            INSERT INTO commandbus.process (domain, process_id, process_type, status, state, created_at, updated_at, batch_id)
            SELECT '{{ProcessDomain.Name}}', id, '{{GreetingProcess.Type}}', 'PENDING', '{"name": "operator"}', now(), now(), '{{batchId}}'
            FROM unnest(ARRAY['{{string.Join("','", processIds)}}']::uuid[]) AS id;
            """);

        var bus = _greetings.Services.GetRequiredService<IBus>();
        await Task.WhenAll(processIds.Select(id => bus.Publish(new StartGreeting(id))));

        await Eventually.UntilAsync(() => _rabbit.CountAsync(completions), n => n > 0);
        var (status, completed, failed) = (await fixture.QueryAsync(
            $"SELECT status, completed_count, canceled_count FROM commandbus.batch WHERE batch_id = '{batchId}'",
            row => (row.GetString(0), row.GetInt32(1), row.GetInt32(2)))).Single();
        (status, completed, failed).ShouldBe(("COMPLETED", Processes, 0));
        (await fixture.QueryAsync(
            $"SELECT state->>'greeting' FROM commandbus.process WHERE batch_id = '{batchId}'", row => row.GetString(0)))
            .ShouldAllBe(greeting => greeting == "Hello, operator");
        await Eventually.UntilAsync(() => fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.outbox_state"), n => n == 0);
        (await _rabbit.CountAsync(completions)).ShouldBe(1u);
    }
}

public sealed record StartGreeting(Guid ProcessId);

public sealed record Greet(Guid ProcessId, string Name);

public sealed record Greeted(Guid ProcessId, string Greeting);

public sealed class GreetingData
{
    public string Name { get; set; } = "";
    public string? Greeting { get; set; }
}

/// <summary>One Greeting process: a row of <c>commandbus.process</c> with its own <c>process_type</c>.</summary>
public sealed class GreetingProcess : SagaStateMachineInstance
{
    public const string Type = "Greeting";

    public Guid CorrelationId { get; set; }
    public string? CurrentState { get; set; }
    public string Domain { get; set; } = ProcessDomain.Name;
    public string ProcessType { get; set; } = Type;
    public GreetingData Data { get; set; } = new();
    public Guid? BatchId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>The step: a worker greets; its states are named as the product's process statuses.</summary>
public sealed class GreetingStateMachine : MassTransitStateMachine<GreetingProcess>
{
    public GreetingStateMachine()
    {
        InstanceState(x => x.CurrentState!);
        Event(() => Started, x => x.CorrelateById(m => m.Message.ProcessId));
        Event(() => Answered, x => x.CorrelateById(m => m.Message.ProcessId));

        During(Pending, When(Started)
            .Publish(context => new Greet(context.Saga.CorrelationId, context.Saga.Data.Name))
            .TransitionTo(WaitingForReply)
            .Announce(ProcessStatus.Pending));
        During(WaitingForReply, When(Answered)
            .Then(context => context.Saga.Data = new GreetingData { Name = context.Saga.Data.Name, Greeting = context.Message.Greeting })
            .TransitionTo(Completed)
            .Announce(ProcessStatus.WaitingForReply));
    }

    public State Pending { get; private set; } = null!;
    public State WaitingForReply { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public Event<StartGreeting> Started { get; private set; } = null!;
    public Event<Greeted> Answered { get; private set; } = null!;
}

public static class GreetingAnnouncements
{
    /// <summary>Stamps the process and publishes ProcessStatusChanged, as every process type does on every status.</summary>
    public static EventActivityBinder<GreetingProcess, T> Announce<T>(this EventActivityBinder<GreetingProcess, T> binder, ProcessStatus from)
        where T : class =>
        binder
            .Then(context =>
            {
                context.Saga.UpdatedAt = DateTimeOffset.UtcNow;
                var status = ProcessStatusExtensions.FromStateName(context.Saga.CurrentState);
                context.Saga.CompletedAt = status.IsFinal() ? context.Saga.UpdatedAt : null;
            })
            .Publish(context => new ProcessStatusChanged(
                context.Saga.CorrelationId, context.Saga.BatchId, context.Saga.ProcessType, StoryName<ProcessStatus>.Of(from),
                StoryName<ProcessStatus>.Of(ProcessStatusExtensions.FromStateName(context.Saga.CurrentState)),
                null, null, null, context.Saga.UpdatedAt));
}

public sealed class GreetConsumer : IConsumer<Greet>
{
    public Task Consume(ConsumeContext<Greet> context) =>
        context.Publish(new Greeted(context.Message.ProcessId, $"Hello, {context.Message.Name}"));
}

/// <summary>The Greeting process's row: the same table and status names as every process.</summary>
public sealed class GreetingDbContext(DbContextOptions<GreetingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var process = modelBuilder.Entity<GreetingProcess>().ToTable("process", PersistenceSchema.Name);
        process.HasKey(x => x.CorrelationId);
        process.Property(x => x.CorrelationId).HasColumnName("process_id");
        process.Property(x => x.CurrentState).HasColumnName("status").HasConversion(
            state => StoryName<ProcessStatus>.Of(ProcessStatusExtensions.FromStateName(state)),
            status => StoryName<ProcessStatus>.Parse(status!).StateName());
        process.Property(x => x.Domain).HasColumnName("domain");
        process.Property(x => x.ProcessType).HasColumnName("process_type");
        process.Property(x => x.Data).HasColumnName("state").HasColumnType("jsonb").HasConversion(
            data => ProcessJson.Serialize(data), json => ProcessJson.Deserialize<GreetingData>(json));
        process.Property(x => x.BatchId).HasColumnName("batch_id");
        process.Property(x => x.CreatedAt).HasColumnName("created_at");
        process.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        process.Property(x => x.CompletedAt).HasColumnName("completed_at");
        modelBuilder.MapPostgresOutbox();
    }
}

/// <summary>The Greeting process's registration, as a service role would hold it.</summary>
public static class GreetingHost
{
    public static async Task<IHost> StartAsync(IntegrationFixture fixture)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<GreetingDbContext>(options => options.UseNpgsql(fixture.ConnectionString));
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddPostgresOutbox<GreetingDbContext>();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UsePostgresOutbox<GreetingDbContext>(context));
            bus.AddSagaStateMachine<GreetingStateMachine, GreetingProcess>().PostgresRepository<GreetingProcess, GreetingDbContext>();
            bus.AddConsumer<GreetConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(fixture.Services.RabbitHost, (ushort)fixture.Services.RabbitPort, fixture.VirtualHost, host =>
                {
                    host.Username(fixture.Services.RabbitUsername);
                    host.Password(fixture.Services.RabbitPassword);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
