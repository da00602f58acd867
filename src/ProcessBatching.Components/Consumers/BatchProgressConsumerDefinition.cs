using MassTransit;
using ProcessBatching.Contracts;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Components.Consumers;

public sealed class BatchProgressConsumerDefinition : ConsumerDefinition<BatchProgressConsumer>
{
    /// <summary>
    /// Up to 500 events per flush, and 1,000 prefetched. The whole flush must be prefetched, or the time
    /// limit, not the events, ends every flush; but each prefetched message is a consumer task that
    /// RabbitMQ.Client wakes, every one that is idle, whenever a message arrives (its dispatcher's
    /// readers share one channel). At 5,000 and 10,000 those wake-ups were a tenth of the service's
    /// allocations and its GC pauses 11–12 % of the time, against 7 % now (docs/performance.md); 500
    /// events a flush every 500 ms is still far more than the saga endpoint produces.
    /// </summary>
    private const int EventsPerFlush = 500;

    public BatchProgressConsumerDefinition()
    {
        Endpoint(endpoint => endpoint.PrefetchCount = EventsPerFlush * 2);
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<BatchProgressConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseDurableRedelivery(context);
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1000, 5000));
        consumerConfigurator.Options<BatchOptions>(options => options
            .SetMessageLimit(EventsPerFlush)
            .SetTimeLimit(ms: 500)
            .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
            .SetConcurrencyLimit(4)
            .GroupBy<ProcessStatusChanged, Guid>(change => change.Message.BatchId));
    }
}
