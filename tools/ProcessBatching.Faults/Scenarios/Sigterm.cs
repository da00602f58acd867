namespace ProcessBatching.Faults.Scenarios;

/// <summary>SIGTERM mid-batch (an orchestrator's stop), then a new replica: nothing in flight may be lost or done twice.</summary>
public static class Sigterm
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    public static readonly Scenario Scenario = new("sigterm", "SIGTERM mid-batch, then restart", async run =>
    {
        var service = run.Replica("service");
        await service.StartAsync();
        await run.StartBatchAsync(service);
        if (!await run.ReachedAsync(0.4))
        {
            return;
        }

        var shutdown = TimeSpan.Zero;
        await run.FaultAsync("SIGTERM, restart",
            async () => shutdown = await service.TerminateAsync(Grace),
            () => service.StartAsync());
        run.Log.Suite($"graceful shutdown took {shutdown.TotalSeconds:F1} s");
    });
}
