namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Queues a service of every role consumes from, one per kind of endpoint: the specs that break the broker check each has a consumer again.</summary>
public static class ServiceQueues
{
    public static readonly string[] Consumed =
        ["statement-report-state", "statement-query", "statement-data-aggregation", "statement-render", "batch-progress", "start-process-batch"];
}
