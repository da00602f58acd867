using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>PostgreSQL restarted (fast shutdown: every connection cut) twice mid-batch.</summary>
public static class DatabaseRestart
{
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
