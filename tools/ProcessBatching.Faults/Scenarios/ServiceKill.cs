namespace ProcessBatching.Faults.Scenarios;

/// <summary>kill -9 of the only replica three times mid-batch, a new one started each time.</summary>
public static class ServiceKill
{
    public static readonly Scenario Scenario = new("service-kill", "kill -9 of the service ×3, restarted each time", async run =>
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

            await run.FaultAsync("kill -9, restart", service.KillAsync, () => service.StartAsync());
        }
    });
}
