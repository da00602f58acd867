namespace ProcessBatching.Faults.Scenarios;

/// <summary>
/// Two replicas with the roles split, started in the wrong order: the batch replica takes the batch and
/// dispatches its processes while no replica runs the process sagas or step workers yet.
/// </summary>
public static class WrongOrderReplicas
{
    public static readonly Scenario Scenario = new("wrong-order-replicas", "Roles=batches first, processes,workers later", async run =>
    {
        var batches = run.Replica("batches", "batches");
        var processes = run.Replica("processes", "processes,workers");
        await batches.StartAsync();
        await run.StartBatchAsync(batches);
        await run.FaultAsync($"processes,workers replica started {run.Options.WrongOrderPause.TotalSeconds:F0} s after the batch",
            () => Task.Delay(run.Options.WrongOrderPause),
            () => processes.StartAsync());
    });
}
