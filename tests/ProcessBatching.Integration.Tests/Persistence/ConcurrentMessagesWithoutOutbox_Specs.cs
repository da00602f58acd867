using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>The repository alone (no outbox on the endpoint) owns its transaction and its retries.</summary>
[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_first_messages_race_without_the_outbox(IntegrationFixture fixture)
{
    private readonly PublishedEvents _events = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_create_one_row_and_apply_every_message(bool insertOnInitial)
    {
        await using var host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("plain"), _events, outbox: false, insertOnInitial: insertOnInitial);
        var processIds = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(processIds.SelectMany(id =>
            Enumerable.Range(0, 3).Select(step => host.Bus.Publish(new TestStepCompleted(id, step, 3)))));

        await Eventually.Holds(async () => await host.CountAsync(processIds, "Finished", 3) == processIds.Count, TimeSpan.FromSeconds(30), "every process finished with its three messages applied");
        await Eventually.Holds(() => Task.FromResult(processIds.All(id => _events.Finished(id) == 1)), TimeSpan.FromSeconds(10), "every process announced its end once");
        (await host.FaultedMessagesAsync()).ShouldBe(0);
    }
}
