using MassTransit;
using ProcessBatching.Components.Batches;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Components.Consumers;

public sealed class StartProcessBatchConsumerDefinition : ConsumerDefinition<StartProcessBatchConsumer>
{
    public StartProcessBatchConsumerDefinition()
    {
        // Creating a large batch streams its rows to PostgreSQL; a few at a time is plenty.
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StartProcessBatchConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Publishers without MassTransit send the API's plain snake_case JSON (application/json).
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
        endpointConfigurator.UseDurableRedelivery(context);
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<ProcessBatchValidationException>();
            retry.Ignore<System.Runtime.Serialization.SerializationException>();
            retry.Ignore<System.Text.Json.JsonException>();
            retry.Intervals(100, 500, 2000);
        });
    }
}
