using System.Collections.Concurrent;
using MassTransit;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_message_is_delivered_twice(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private readonly ReceivedMessages _received = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("twice"), _events);
        _host.Bus.ConnectReceiveObserver(_received);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_apply_it_once()
    {
        var processId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await _host.Bus.Publish(new TestStepCompleted(processId, 0, 3));
        await Eventually.Holds(async () => await _host.FindAsync(processId) is not null, TimeSpan.FromSeconds(10), "the process row of the first message");

        await Task.WhenAll(
            _host.Bus.Publish(new TestStepCompleted(processId, 1, 3), context => context.MessageId = messageId),
            _host.Bus.Publish(new TestStepCompleted(processId, 1, 3), context => context.MessageId = messageId));

        await Eventually.Holds(() => Task.FromResult(_received.Count(messageId) == 2), TimeSpan.FromSeconds(10), "both copies were received and acknowledged");
        (await _host.FindAsync(processId))!.Received.ShouldBe(2, "the second copy was dropped by the inbox");
        (await _host.FaultedMessagesAsync()).ShouldBe(0);
    }

    private sealed class ReceivedMessages : IReceiveObserver
    {
        private readonly ConcurrentDictionary<Guid, int> _counts = new();

        public int Count(Guid messageId) => _counts.GetValueOrDefault(messageId);

        public Task PostReceive(ReceiveContext context)
        {
            if (context.GetMessageId() is { } id)
            {
                _counts.AddOrUpdate(id, 1, (_, count) => count + 1);
            }

            return Task.CompletedTask;
        }

        public Task PreReceive(ReceiveContext context) => Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;
        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;
        public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
    }
}
