using MassTransit;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

public sealed class BatchProgressConsumerDefinition : ConsumerDefinition<BatchProgressConsumer>
{
    /// <summary>
    /// Up to 100 events per flush, and 200 prefetched. The whole flush must be prefetched, or the time
    /// limit, not the events, ends every flush; but each prefetched message is a consumer task that
    /// RabbitMQ.Client wakes, every one that is idle, whenever a message arrives (its dispatcher's
    /// readers share one channel). Fewer prefetched, fewer wake-ups: 10,000, then 1,000, now 200
    /// (docs/performance.md). 100 events a flush every 500 ms is still more than one replica's saga
    /// endpoint produces; a faster one flushes more often, not later.
    /// </summary>
    private const int EventsPerFlush = 100;

    public BatchProgressConsumerDefinition()
    {
        Endpoint(endpoint => endpoint.PrefetchCount = EventsPerFlush * 2);
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<BatchProgressConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // No retry or redelivery: consuming only asks for a recount (the consumer), so it does not fail
        // when the database does; a recount that fails is the reconciler's.
        consumerConfigurator.Options<BatchOptions>(options => options
            .SetMessageLimit(EventsPerFlush)
            .SetTimeLimit(ms: 500)
            .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
            .SetConcurrencyLimit(4)
            .GroupBy<ProcessStatusChanged, Guid>(change => change.Message.BatchId));
    }
}
