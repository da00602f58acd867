using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>
/// RabbitMQ's application stopped and started three times mid-batch (the node stays up, every connection
/// drops): what broke the service for good in issue 10's first finding.
/// </summary>
public static class BrokerRestart
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(5);

    public static readonly Scenario Scenario = new("broker-restart", "rabbitmqctl stop_app; 5 s; start_app ×3", async run =>
    {
        var service = run.Replica("service");
        await service.StartAsync();
        await run.StartBatchAsync(service);
        foreach (var fraction in new[] { 0.15, 0.4, 0.65 })
        {
            if (!await run.ReachedAsync(fraction))
            {
                return;
            }

            await run.FaultAsync("stop_app, start_app",
                async () => { await FaultServices.StopBrokerAppAsync(); await Task.Delay(Down); },
                FaultServices.StartBrokerAppAsync);
        }
    });
}
