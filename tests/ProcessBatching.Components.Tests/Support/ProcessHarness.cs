using MassTransit;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>
/// A fresh in-memory bus per test with the StatementReport process (in-memory saga repository and
/// journal) and, unless told otherwise, its step workers. Every wait is bounded by <see cref="Timeout"/>.
/// </summary>
public sealed class ProcessHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    readonly ServiceProvider _provider;
    readonly StatusChangeRecorder _statusChanges = new();
    readonly SentCommandRecorder _sent = new();

    ProcessHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Processes = Harness.GetSagaStateMachineHarness<StatementReportStateMachine, StatementReportState>();
        Journal = provider.GetRequiredService<InMemoryProcessJournal>();
    }

    public ITestHarness Harness { get; }
    public ISagaStateMachineTestHarness<StatementReportStateMachine, StatementReportState> Processes { get; }
    public InMemoryProcessJournal Journal { get; }

    public static async Task<ProcessHarness> Start(bool workers = true, IStepOutcomeRandom? random = null, TimeSpan? stepTimeout = null)
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");

        var services = new ServiceCollection()
            .AddSingleton<InMemoryProcessJournal>()
            .AddSingleton<IProcessJournal>(sp => sp.GetRequiredService<InMemoryProcessJournal>());
        if (random is not null)
            services.AddSingleton(random);
        if (stepTimeout is { } timeout)
            services.Configure<StepTimeoutOptions>(options => options.StepTimeout = timeout);

        services.AddMassTransitTestHarness(x =>
        {
            x.DisableUsageTelemetry();
            // The harness stops every wait for good after its first quiet period; a slow start on a
            // busy machine must not end the test's waits before they begin.
            x.SetTestTimeouts(Timeout, Timeout);
            x.SetKebabCaseEndpointNameFormatter();
            x.AddStatementReportProcess().InMemoryRepository();
            if (workers)
                x.AddStatementReportWorkers();
        });

        var provider = services.BuildServiceProvider(true);
        var harness = new ProcessHarness(provider);
        harness.Harness.Bus.ConnectPublishObserver(harness._statusChanges);
        harness.Harness.Bus.ConnectSendObserver(harness._sent);
        await harness.Harness.Start();
        return harness;
    }

    public async Task<Guid> StartProcess(ProcessBehavior? behavior = null, Guid? batchId = null, Guid? processId = null)
    {
        var id = processId ?? NewId.NextGuid();
        await Harness.Bus.Publish(new StartProcess(id, batchId, Requests.Statement(behavior)));
        return id;
    }

    /// <summary>A process row as batch creation writes it, before the process sees StartProcess.</summary>
    public void AddPendingProcess(StatementReportState process) =>
        _provider.GetRequiredService<IndexedSagaDictionary<StatementReportState>>().Add(new SagaInstance<StatementReportState>(process));

    public async Task ShouldReach(Guid processId, Func<StatementReportStateMachine, State> state)
    {
        var found = await Processes.Exists(processId, state);
        found.ShouldNotBeNull($"process did not reach {state(Processes.StateMachine).Name}; it is {Process(processId).CurrentState}");
    }

    /// <summary>How many process rows the saga repository holds, without waiting.</summary>
    public int ProcessCount => _provider.GetRequiredService<IndexedSagaDictionary<StatementReportState>>().Count;

    public StatementReportState Process(Guid processId) =>
        Processes.Sagas.Contains(processId) ?? throw new InvalidOperationException($"No process {processId}");

    /// <summary>The first <paramref name="count"/> status changes of a process, in publish order.</summary>
    public async Task<List<ProcessStatusChanged>> StatusChanges(Guid processId, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (StatusChangesSoFar(processId).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        return [.. StatusChangesSoFar(processId).Take(count)];
    }

    public IReadOnlyList<ProcessStatusChanged> StatusChangesSoFar(Guid processId) => _statusChanges.Of(processId);

    /// <summary>Steps of the commands the process sent, in order, for one command type.</summary>
    /// <summary>Every copy of a step command the process sent, once <paramref name="count"/> were seen or the wait ran out.</summary>
    public async Task<List<T>> CommandsSent<T>(Guid processId, int count)
        where T : class
    {
        var deadline = DateTime.UtcNow + Timeout;
        List<T> sent;
        while ((sent = _sent.Of<T>(processId)).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        return sent;
    }

    public List<string> StepsSent(Guid processId, string commandType) =>
        [.. Journal.AuditTrail(processId).Where(x => x.CommandType == commandType).Select(x => x.StepName)];

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
