using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_publishing_outside_a_consumer(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("bus"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_send_only_what_was_saved()
    {
        var saved = Guid.NewGuid();
        var abandoned = Guid.NewGuid();

        // As an HTTP handler would: a scoped publish, then SaveChanges (or, for the second, no SaveChanges).
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new TestStepCompleted(saved, 0, 2));
            await scope.ServiceProvider.GetRequiredService<TestProcessDbContext>().SaveChangesAsync();
        }

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new TestStepCompleted(abandoned, 0, 2));
        }

        await Eventually.Holds(async () => await _host.CountAsync([saved], "Running", 1) == 1, TimeSpan.FromSeconds(10), "the saved publish reached the saga");
        await _host.AfterEveryEarlierStepAsync();
        (await _host.FindAsync(abandoned)).ShouldBeNull("a publish whose scope never saved is never sent");
    }
}
