using System.Diagnostics;
using ProcessBatching.Integration.Tests.Support;
using Xunit.Abstractions;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_measuring_saga_throughput(IntegrationFixture fixture, ITestOutputHelper output)
{
    private const int Processes = 1000;

    /// <summary>A figure to compare runs on one machine, not a limit: nothing here asserts a time.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Should_report_two_message_sagas_per_second(bool outbox)
    {
        await using var host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("bench"), new PublishedEvents(), outbox);
        await Run(host, 50); // warm-up: connections, JIT
        var processIds = Enumerable.Range(0, Processes).Select(_ => Guid.NewGuid()).ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        await Run(host, processIds);

        clock.Stop();
        var rate = Processes / clock.Elapsed.TotalSeconds;
        var cpuPerSaga = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Processes;
        var figure = $"[persistence benchmark] outbox {(outbox ? "on" : "off")}: {rate:F0} two-message sagas/s " +
            $"({Processes} in {clock.Elapsed.TotalSeconds:F1} s, {cpuPerSaga:F1} ms CPU per saga in this process, load {LoadAverage()})";
        output.WriteLine(figure);
        Console.WriteLine(figure);
    }

    private static Task Run(SagaHost host, int processes) =>
        Run(host, Enumerable.Range(0, processes).Select(_ => Guid.NewGuid()).ToList());

    private static async Task Run(SagaHost host, List<Guid> processIds)
    {
        await Task.WhenAll(processIds.SelectMany(id => new[]
        {
            host.Bus.Publish(new TestStepCompleted(id, 0, 2)),
            host.Bus.Publish(new TestStepCompleted(id, 1, 2)),
        }));
        await Eventually.Holds(
            async () => await host.CountAsync(processIds, "Finished", 2) == processIds.Count, TimeSpan.FromSeconds(120), "every saga finished");
    }

    // The machine is shared: the rate means little without the load it was measured under.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
