namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// A spec that runs against the whole service: the collection's tables and queues are emptied,
/// then the service is started, ready, for each test.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public abstract class ServiceSpec(IntegrationFixture fixture) : IAsyncLifetime
{
    protected IntegrationFixture Fixture { get; } = fixture;

    protected RunningService Service { get; private set; } = null!;

    /// <summary>The service's <c>Roles</c> setting; all of them unless a spec plays some part itself.</summary>
    protected virtual string? Roles => null;

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        Service = await RunningService.StartAsync(Fixture, Fixture.ServiceConfiguration(Roles));
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
