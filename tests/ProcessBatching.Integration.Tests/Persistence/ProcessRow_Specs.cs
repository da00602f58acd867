using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_runs_through_its_steps(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("steps"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_reflect_each_step_in_its_row()
    {
        var processId = Guid.NewGuid();

        await _host.Bus.Publish(new TestStepCompleted(processId, 0, 3));
        await RowBecomes(processId, "Running", 1, "the first step creates the row");

        await _host.Bus.Publish(new TestStepCompleted(processId, 1, 3));
        await RowBecomes(processId, "Running", 2, "the second step moves it");

        await _host.Bus.Publish(new TestStepCompleted(processId, 2, 3));
        await RowBecomes(processId, "Finished", 3, "the last step finishes it");

        await Eventually.Holds(() => Task.FromResult(_events.Finished(processId) == 1), TimeSpan.FromSeconds(10), "the process announced its end once");
        (await _host.FindAsync(processId)).ShouldNotBeNull("a finished process keeps its row");
    }

    private Task RowBecomes(Guid processId, string state, int received, string because) =>
        Eventually.Holds(
            async () => await _host.FindAsync(processId) is { } row && row.CurrentState == state && row.Received == received,
            TimeSpan.FromSeconds(10),
            $"{state} with {received} messages applied: {because}");
}
