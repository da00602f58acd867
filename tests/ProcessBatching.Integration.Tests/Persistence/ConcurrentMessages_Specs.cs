using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_messages_for_one_process_arrive_at_once(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("race"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_apply_both()
    {
        var processId = Guid.NewGuid();
        await _host.Bus.Publish(new TestStepCompleted(processId, 0, 3));
        await Eventually.Holds(async () => await _host.FindAsync(processId) is not null, TimeSpan.FromSeconds(10), "the process row of the first message");

        await Task.WhenAll(
            _host.Bus.Publish(new TestStepCompleted(processId, 1, 3)),
            _host.Bus.Publish(new TestStepCompleted(processId, 2, 3)));

        await Eventually.Holds(async () => await _host.CountAsync([processId], "Finished", 3) == 1, TimeSpan.FromSeconds(15), "the process finished with its three messages applied");
    }

    [Fact]
    public async Task Should_create_one_row_when_two_first_messages_race()
    {
        var processIds = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(processIds.SelectMany(id => new[]
        {
            _host.Bus.Publish(new TestStepCompleted(id, 0, 2)),
            _host.Bus.Publish(new TestStepCompleted(id, 1, 2)),
        }));

        await Eventually.Holds(async () => await _host.CountAsync(processIds, "Finished", 2) == processIds.Count, TimeSpan.FromSeconds(30), "every process applied both of its first messages");
        (await _host.FaultedMessagesAsync()).ShouldBe(0);
    }
}

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_many_processes_run_at_once(IntegrationFixture fixture) : IAsyncLifetime
{
    private const int Processes = 500;
    private const int StepsEach = 4;
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("many"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_finish_every_process_and_fault_nothing()
    {
        var processIds = Enumerable.Range(0, Processes).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(processIds.SelectMany(id =>
            Enumerable.Range(0, StepsEach).Select(step => _host.Bus.Publish(new TestStepCompleted(id, step, StepsEach)))));

        await Eventually.Holds(async () => await _host.CountAsync(processIds, "Finished", StepsEach) == Processes, TimeSpan.FromSeconds(120), "every process ends finished with all of its messages applied");
        await Eventually.Holds(() => Task.FromResult(processIds.All(id => _events.Finished(id) == 1)), TimeSpan.FromSeconds(30), "every process announced its end once");
        (await _host.FaultedMessagesAsync()).ShouldBe(0, "no message went to an error queue");
    }
}
