using ProcessBatching.Faults.Observation;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>
/// A step queue purged mid-batch: its commands are lost and only the step timeout (short in the suite)
/// can move their processes on. Purged over AMQP (queue.purge) the moment a step queue holds commands,
/// which answers how many were lost; rabbitmqctl takes seconds to start here, by when the queue may be empty.
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

        var lost = "";
        await run.FaultAsync("purge the fullest step queue",
            async () => lost = await PurgeFullestAsync(run.Servers.VirtualHost),
            () => Task.CompletedTask);
        run.Log.Suite($"purged {lost}");
        run.Note($"purged {lost}");
    });

    /// <summary>Purges the step queue with most ready commands, polling (bounded) until one holds any, so the purge loses something.</summary>
    private static async Task<string> PurgeFullestAsync(string virtualHost)
    {
        var (connection, channel) = await BrokerChannel.OpenAsync(virtualHost);
        await using (connection)
        await using (channel)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var fullest = (Queue: "", Waiting: 0u);
                foreach (var queue in StepQueues)
                {
                    // A passive declare answers with the queue's exact ready count, unlike the sampled management API.
                    var declared = await channel.QueueDeclarePassiveAsync(queue);
                    fullest = declared.MessageCount > fullest.Waiting ? (queue, declared.MessageCount) : fullest;
                }

                if (fullest.Waiting > 0 && await channel.QueuePurgeAsync(fullest.Queue) is var purged and > 0)
                {
                    return $"{purged} commands from {fullest.Queue}";
                }

                await Task.Delay(50);
            }

            return "nothing: no step queue held a ready command for 10 s";
        }
    }
}
