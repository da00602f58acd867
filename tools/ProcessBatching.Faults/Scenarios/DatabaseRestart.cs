using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>PostgreSQL restarted (fast shutdown: every connection cut) twice mid-batch; or down for 15 s.</summary>
public static class DatabaseRestart
{
    /// <summary>Longer than every in-process retry: only a durable redelivery keeps messages out of <c>_error</c>.</summary>
    public const int OutageSeconds = 15;

    public static readonly Scenario Outage = new("database-outage", $"PostgreSQL stopped for {OutageSeconds} s", async run =>
    {
        var service = run.Replica("service");
        await service.StartAsync();
        await run.StartBatchAsync(service);
        if (await run.ReachedAsync(0.3))
        {
            await run.FaultAsync("PostgreSQL outage", () => FaultServices.PostgresOutageAsync(OutageSeconds), () => Task.CompletedTask);
        }
    });

    public static readonly Scenario Scenario = new("database-restart", "pg_ctlcluster restart -m fast ×2", async run =>
    {
        var service = run.Replica("service");
        await service.StartAsync();
        await run.StartBatchAsync(service);
        foreach (var fraction in new[] { 0.25, 0.6 })
        {
            if (!await run.ReachedAsync(fraction))
            {
                return;
            }

            await run.FaultAsync("PostgreSQL restart", FaultServices.RestartPostgresAsync, () => Task.CompletedTask);
        }
    });
}
