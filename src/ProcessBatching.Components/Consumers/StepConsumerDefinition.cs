using MassTransit;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Endpoint of a step worker (named by the bus's formatter, e.g. <c>statement-query</c>). Retries
/// run in process because the broker has no delayed exchange; a permanent failure skips them, and
/// what still fails lands in the queue's <c>_error</c> queue, the troubleshooting queue.
/// </summary>
public sealed class StepConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)];

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<PermanentStepException>();
            r.Intervals(RetryIntervals);
        });
    }
}
