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

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_replica_sent_a_message_and_died_before_deleting_it(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_send_it_again_once_its_lease_expired_and_the_inbox_drops_the_copy()
    {
        await fixture.ResetAsync(); // only this spec's outbox rows are counted below
        var events = new PublishedEvents();
        var prefix = IsolatedServices.NewName("lease");
        var processId = Guid.NewGuid();
        const string copy = "persistence_specs.sent_not_deleted";

        // The finish event waits in the outbox; keep its rows as they were before delivery.
        await using (var stopped = await SagaHost.StartAsync(fixture, prefix, events, delivery: false))
        {
            await stopped.Bus.Publish(new TestStepCompleted(processId, 0, 1));
            await Eventually.Holds(async () => await stopped.UndeliveredAsync() == 1, TimeSpan.FromSeconds(10), "the finish event committed to the outbox");
        }

        await fixture.ExecuteAsync(
            $"""
            DROP TABLE IF EXISTS {copy}_state, {copy}_message;
            CREATE TABLE {copy}_state AS SELECT * FROM commandbus.outbox_state;
            CREATE TABLE {copy}_message AS SELECT * FROM commandbus.outbox_message;
            """);
        var messageId = await fixture.ScalarAsync<Guid>($"SELECT message_id FROM {copy}_message");

        await using var delivering = await SagaHost.StartAsync(fixture, prefix, events);
        var handled = new HandledMessages<TestProcessFinished>();
        delivering.Bus.ConnectConsumeMessageObserver(handled);
        await Eventually.Holds(() => Task.FromResult(events.Finished(processId) == 1), TimeSpan.FromSeconds(15), "the finish event delivered");
        await Eventually.Holds(async () => await delivering.UndeliveredAsync() == 0, TimeSpan.FromSeconds(5), "the sent rows deleted");

        var handledBefore = handled.Count(messageId); // the first copy may have been handled before the observer was connected

        // As if the replica that sent it had died before its delete: the rows are back, their lease over.
        await fixture.ExecuteAsync(
            $"""
            INSERT INTO commandbus.outbox_state SELECT * FROM {copy}_state;
            UPDATE commandbus.outbox_state SET locked_until = now() - interval '1 second';
            INSERT INTO commandbus.outbox_message SELECT * FROM {copy}_message;
            DROP TABLE {copy}_state, {copy}_message;
            """);

        await Eventually.Holds(async () => await delivering.UndeliveredAsync() == 0, TimeSpan.FromSeconds(15), "the expired rows sent again and deleted");
        await Eventually.Holds(() => Task.FromResult(handled.Count(messageId) == handledBefore + 1), TimeSpan.FromSeconds(15), "the second copy handled");
        events.Finished(processId).ShouldBe(1, "the inbox dropped the copy sent again");
        handled.Faults.ShouldBe(0);
    }
}
