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

    /// <summary>Settings the spec changes, as configuration keys (<c>Processes:StepTimeout</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        var configuration = new Dictionary<string, string?>(Fixture.ServiceConfiguration(Roles));
        foreach (var (key, value) in Settings)
        {
            configuration[key] = value;
        }

        Service = await RunningService.StartAsync(Fixture, configuration);
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
