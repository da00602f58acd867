using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_message_meets_a_database_outage(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("outage"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_deliver_it_again_later_and_apply_it_once()
    {
        var processId = Guid.NewGuid();

        await _host.Bus.Publish(new TestStepInterrupted(processId, Outages: 2));

        await Eventually.Holds(async () => await _host.CountAsync([processId], "Running", 1) == 1, TimeSpan.FromSeconds(30), "the third delivery, after two outages, is applied");
        _events.Deliveries(processId).ShouldBe(3, "two redeliveries through the outbox, no more");
        (await _host.UndeliveredAsync()).ShouldBe(0, "the redelivered copies left the outbox");
    }

    [Fact]
    public async Task Should_give_up_into_the_error_queue_after_the_last_interval()
    {
        var processId = Guid.NewGuid();

        await _host.Bus.Publish(new TestStepInterrupted(processId, Outages: int.MaxValue));

        await Eventually.Holds(async () => await _host.FaultedMessagesAsync() == 1, TimeSpan.FromSeconds(30), "the message lands in the error queue once every interval was tried");
        _events.Deliveries(processId).ShouldBe(1 + 2, "the first delivery and one per configured interval (two in this host)");
        (await _host.FindAsync(processId)).ShouldBeNull("no delivery committed anything");
    }
}
