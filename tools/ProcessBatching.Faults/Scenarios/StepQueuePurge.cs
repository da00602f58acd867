using ProcessBatching.Faults.Observation;
using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>
/// A step queue purged mid-batch: its commands are lost and only the step timeout (short in the suite)
/// can move their processes on. The queue purged is the step queue with the most commands waiting.
/// </summary>
public static class StepQueuePurge
{
    private static readonly string[] StepQueues = ["statement-query", "statement-data-aggregation", "statement-render"];

    public static readonly Scenario Scenario = new("step-queue-purge", "rabbitmqctl purge_queue on a step queue", async run =>
    {
        var service = run.Replica("service");
        await service.StartAsync();
        await run.StartBatchAsync(service);
        if (!await run.ReachedAsync(0.3))
        {
            return;
        }

        var (queue, waiting) = await FullestAsync(run.Servers.VirtualHost);
        await run.FaultAsync($"purge {queue} (~{waiting} commands waiting)",
            () => FaultServices.PurgeQueueAsync(run.Servers.VirtualHost, queue),
            () => Task.CompletedTask);
    });

    /// <summary>The step queue with most ready commands, waiting (bounded) until one has any, so the purge loses something.</summary>
    private static async Task<(string Queue, uint Waiting)> FullestAsync(string virtualHost)
    {
        var (connection, channel) = await BrokerChannel.OpenAsync(virtualHost);
        await using (connection)
        await using (channel)
        {
            var fullest = (Queue: StepQueues[0], Waiting: 0u);
            for (var attempt = 0; attempt < 100 && fullest.Waiting == 0; attempt++)
            {
                foreach (var queue in StepQueues)
                {
                    // A passive declare answers with the queue's exact ready count, unlike the sampled management API.
                    var declared = await channel.QueueDeclarePassiveAsync(queue);
                    if (declared.MessageCount > fullest.Waiting)
                    {
                        fullest = (queue, declared.MessageCount);
                    }
                }

                await Task.Delay(100);
            }

            return fullest;
        }
    }
}
