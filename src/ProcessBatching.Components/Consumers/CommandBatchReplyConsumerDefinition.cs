using MassTransit;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Components.Consumers;

public sealed class CommandBatchReplyConsumerDefinition : ConsumerDefinition<CommandBatchReplyConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CommandBatchReplyConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // A reply that meets a database outage comes back later; it is never dropped into _error.
        endpointConfigurator.UseDurableRedelivery(context);
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(100, 500, 2000));
    }
}
