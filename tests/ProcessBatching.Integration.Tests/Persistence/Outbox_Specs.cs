using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_step_fails_after_publishing(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync()
    {
        // The outbox tables are shared by the collection: start from empty ones, so rows an earlier
        // spec's host left undelivered are not counted here.
        await fixture.ResetAsync();
        _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("fails"), _events);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_publish_nothing_and_keep_the_state()
    {
        var processId = Guid.NewGuid();
        await _host.Bus.Publish(new TestStepCompleted(processId, 0, 3));
        await Eventually.Holds(async () => await _host.CountAsync([processId], "Running", 1) == 1, TimeSpan.FromSeconds(10), "the process running with its first message applied");

        await _host.Bus.Publish(new TestStepFailing(processId));

        await Eventually.Holds(async () => await _host.FaultedMessagesAsync() == 1, TimeSpan.FromSeconds(30), "the failing message lands in the error queue");
        await _host.AfterEveryEarlierEventAsync(_events);
        _events.Announced(processId).ShouldBe(0, "what the failed step published was rolled back with it");
        (await _host.CountAsync([processId], "Running", 1)).ShouldBe(1, "the process row is as before the failed step");
        (await _host.UndeliveredAsync()).ShouldBe(0);
    }
}

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_delivery_stops_between_commit_and_send(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_deliver_once_after_restart()
    {
        await fixture.ResetAsync(); // only this spec's outbox rows are counted below
        var events = new PublishedEvents();
        var prefix = IsolatedServices.NewName("restart");
        var processId = Guid.NewGuid();

        await using (var stopped = await SagaHost.StartAsync(fixture, prefix, events, delivery: false))
        {
            await stopped.Bus.Publish(new TestStepCompleted(processId, 0, 1));
            await Eventually.Holds(async () => await stopped.CountAsync([processId], "Finished", 1) == 1, TimeSpan.FromSeconds(10), "the process finished on the stopped host");
            (await stopped.UndeliveredAsync()).ShouldBe(1, "the finish event is committed with the row, waiting in the outbox");
            await stopped.AfterEveryEarlierEventAsync(events);
            events.Finished(processId).ShouldBe(0, "nothing sends it while delivery is stopped");
        }

        await using var restarted = await SagaHost.StartAsync(fixture, prefix, events);
        await Eventually.Holds(() => Task.FromResult(events.Finished(processId) == 1), TimeSpan.FromSeconds(15), "the restarted host delivered the finish event");
        await Eventually.Holds(async () => await restarted.UndeliveredAsync() == 0, TimeSpan.FromSeconds(5), "the outbox emptied");
        await restarted.AfterEveryEarlierEventAsync(events);
        events.Finished(processId).ShouldBe(1, "delivered once: no second copy is queued behind it");
    }
}
