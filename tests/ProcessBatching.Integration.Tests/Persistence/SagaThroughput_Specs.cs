using System.Diagnostics;
using ProcessBatching.Integration.Tests.Support;
using Xunit.Abstractions;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_measuring_saga_throughput(IntegrationFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Processes = 1000;
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("bench"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A figure to compare runs on one machine, not a limit: nothing here asserts a time.</summary>
    [Fact]
    public async Task Should_report_two_message_sagas_per_second()
    {
        var processIds = Enumerable.Range(0, Processes).Select(_ => Guid.NewGuid()).ToList();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(processIds.SelectMany(id => new[]
        {
            _host.Bus.Publish(new TestStepCompleted(id, 0, 2)),
            _host.Bus.Publish(new TestStepCompleted(id, 1, 2)),
        }));
        var finished = await Eventually.Holds(async () => await _host.CountAsync(processIds, "Finished", 2) == Processes, TimeSpan.FromSeconds(120));

        clock.Stop();
        finished.ShouldBeTrue();
        var rate = Processes / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{Processes} two-message sagas in {clock.Elapsed.TotalSeconds:F1} s: {rate:F0} sagas/s");
        Console.WriteLine($"[persistence benchmark] {rate:F0} two-message sagas/s ({Processes} in {clock.Elapsed.TotalSeconds:F1} s)");
    }
}
