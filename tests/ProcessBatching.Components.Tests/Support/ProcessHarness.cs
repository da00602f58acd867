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
/// Step deadlines fire as the service's <c>StepDeadlineSweep</c> fires them from the process rows.
/// </summary>
public sealed class ProcessHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    readonly ServiceProvider _provider;
    readonly StatusChangeRecorder _statusChanges = new();
    readonly SentCommandRecorder _sent = new();
    readonly HandledMessageRecorder _handled = new();
    readonly CancellationTokenSource _stopping = new();
    Task _deadlines = Task.CompletedTask;

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
        harness.Harness.Bus.ConnectConsumeObserver(harness._handled);
        await harness.Harness.Start();
        harness._deadlines = harness.FireStepDeadlines(harness._stopping.Token);
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

    /// <summary>
    /// Waits until the bus has finished with every one of these messages (by message id), and asserts
    /// none of them faulted: after it, whatever they could change has changed.
    /// </summary>
    public Task ShouldHaveHandled(params Guid[] messageIds) => _handled.ShouldHaveHandled(messageIds, Timeout);

    /// <summary>How many process rows the saga repository holds, without waiting.</summary>
    public int ProcessCount => _provider.GetRequiredService<IndexedSagaDictionary<StatementReportState>>().Count;

    public StatementReportState Process(Guid processId) =>
        Processes.Sagas.Contains(processId) ?? throw new InvalidOperationException($"No process {processId}");

    /// <summary>
    /// Every status change of a process: exactly <paramref name="count"/>, in publish order. Throws when
    /// fewer arrive within <see cref="Timeout"/>, or when another arrives within <see cref="Grace"/> after them.
    /// </summary>
    public Task<List<ProcessStatusChanged>> StatusChanges(Guid processId, int count) =>
        Exactly<ProcessStatusChanged>(() => [.. _statusChanges.Of(processId)], count, $"status changes of process {processId}");

    public IReadOnlyList<ProcessStatusChanged> StatusChangesSoFar(Guid processId) => _statusChanges.Of(processId);

    /// <summary>
    /// Every copy of a step command the process sent: exactly <paramref name="count"/>. Throws when fewer
    /// are sent within <see cref="Timeout"/>, or another within <see cref="Grace"/> after them.
    /// </summary>
    public Task<List<T>> CommandsSent<T>(Guid processId, int count)
        where T : class =>
        Exactly(() => _sent.Of<T>(processId), count, $"{typeof(T).Name} sent by process {processId}");

    /// <summary>The first <paramref name="count"/> copies of a step command the process sent; later ones may follow.</summary>
    public async Task<List<T>> FirstCommandsSent<T>(Guid processId, int count)
        where T : class =>
        [.. (await AtLeast(() => _sent.Of<T>(processId), count, $"{typeof(T).Name} sent by process {processId}")).Take(count)];

    /// <summary>How long a helper that says "exactly" watches for one more item after the last it expected.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    static async Task<List<T>> Exactly<T>(Func<List<T>> seen, int count, string what)
    {
        await AtLeast(seen, count, what);
        var quietUntil = DateTime.UtcNow + Grace;
        List<T> items;
        while ((items = seen()).Count == count && DateTime.UtcNow < quietUntil)
            await Task.Delay(20);

        if (items.Count != count)
            throw new InvalidOperationException($"Expected exactly {count} {what}, saw {items.Count}: {string.Join("; ", items)}");
        return items;
    }

    static async Task<List<T>> AtLeast<T>(Func<List<T>> seen, int count, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        List<T> items;
        while ((items = seen()).Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {Timeout.TotalSeconds:0.#} s for {count} {what}, saw {items.Count}: {string.Join("; ", items)}");
            await Task.Delay(20);
        }

        return items;
    }

    public List<string> StepsSent(Guid processId, string commandType) =>
        [.. Journal.AuditTrail(processId).Where(x => x.CommandType == commandType).Select(x => x.StepName)];

    /// <summary>
    /// In memory what the sweep does in the database: a process past its <see cref="StatementReportState.StepDueAt"/>
    /// is sent <see cref="StepTimedOut"/> for its current command and attempt, once per deadline.
    /// </summary>
    async Task FireStepDeadlines(CancellationToken stopping)
    {
        var sagas = _provider.GetRequiredService<IndexedSagaDictionary<StatementReportState>>();
        var fired = new Dictionary<Guid, (DateTimeOffset, Guid?, int)>();
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
            var now = DateTimeOffset.UtcNow;
            foreach (var process in sagas.Where(new SagaQuery<StatementReportState>(x => x.StepDueAt != null)).Select(x => x.Instance))
            {
                // Read once: the process may move on while it is looked at; a copy for a past attempt is ignored.
                var deadline = (Due: process.StepDueAt, CommandId: process.Data.CurrentCommandId, Attempt: process.Data.CommandAttempt);
                if (deadline is not ({ } due, { } commandId, var attempt) || due > now
                    || (fired.TryGetValue(process.CorrelationId, out var last) && last == (due, commandId, attempt)))
                    continue;

                fired[process.CorrelationId] = (due, commandId, attempt);
                await Harness.Bus.Publish(new StepTimedOut(process.CorrelationId, commandId, attempt), CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _deadlines;
        await _provider.DisposeAsync();
        _stopping.Dispose();
    }
}
