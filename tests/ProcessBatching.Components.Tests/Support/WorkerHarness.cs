using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Consumers;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>
/// A fresh in-memory bus per test with only the step workers. Commands carry no response address,
/// so replies are published.
/// </summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    readonly ServiceProvider _provider;
    readonly HandledMessageRecorder _handled = new();

    WorkerHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }
    public IEndpointNameFormatter EndpointNameFormatter => _provider.GetRequiredService<IEndpointNameFormatter>();

    public static async Task<WorkerHarness> Start(IStepOutcomeRandom random)
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");

        var provider = new ServiceCollection()
            .AddSingleton(random)
            .AddMassTransitTestHarness(x =>
            {
                x.DisableUsageTelemetry();
                x.SetTestTimeouts(ProcessHarness.Timeout, ProcessHarness.Timeout);
                x.SetKebabCaseEndpointNameFormatter();
                x.AddStatementReportWorkers();
            })
            .BuildServiceProvider(true);

        var harness = new WorkerHarness(provider);
        harness.Harness.Bus.ConnectConsumeObserver(harness._handled);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>The first message of this type published, waiting at most the test timeout.</summary>
    public async Task<T> FirstPublished<T>()
        where T : class =>
        (await Harness.Published.SelectAsync<T>().First()).Context.Message;

    /// <summary>Waits until the workers have finished with these messages, none of them with a fault.</summary>
    public Task ShouldHaveHandled(params Guid[] messageIds) => _handled.ShouldHaveHandled(messageIds, ProcessHarness.Timeout);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
