using MassTransit;
using ProcessBatching.Contracts;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Components.Consumers;

public sealed class BatchProgressConsumerDefinition : ConsumerDefinition<BatchProgressConsumer>
{
    private const int EventsPerFlush = 5_000;

    public BatchProgressConsumerDefinition()
    {
        // The whole flush must be prefetched, or the time limit, not the events, ends every flush.
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
