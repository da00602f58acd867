using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Consumers;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>A fresh in-memory bus per test with only the step workers; replies are published, as no response address is set.</summary>
public static class WorkerHarness
{
    public static async Task<ServiceProvider> Start(IStepOutcomeRandom random)
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

        await provider.GetRequiredService<ITestHarness>().Start();
        return provider;
    }
}
