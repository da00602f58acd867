using MassTransit;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Service.Hosting;

/// <summary>
/// <c>RabbitMq__QuorumQueues=true</c>, for a clustered broker: every endpoint queue and its
/// <c>_error</c> and <c>_skipped</c> queues are declared as quorum queues (replicated, durable).
/// A send to <c>queue:name</c> declares that queue too, without arguments; RabbitMQ refuses a declaration
/// whose arguments differ from the queue's, so the virtual host must have the default queue type
/// <c>quorum</c> (RabbitMQ 3.11 or later), which gives those declarations the same type.
/// </summary>
public static class QuorumQueues
{
    public static void AddQuorumQueues(this IBusRegistrationConfigurator bus) =>
        bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && Enabled(context))
            {
                rabbit.SetQuorumQueue();
            }
        });

    public static void Apply(IRabbitMqBusFactoryConfigurator rabbit)
    {
        rabbit.SendTopology.ConfigureErrorSettings = error => error.SetQuorumQueue();
        rabbit.SendTopology.ConfigureDeadLetterSettings = deadLetter => deadLetter.SetQuorumQueue();
    }

    private static bool Enabled(IRegistrationContext context) =>
        context.GetRequiredService<IOptions<RabbitMqOptions>>().Value.QuorumQueues;
}
