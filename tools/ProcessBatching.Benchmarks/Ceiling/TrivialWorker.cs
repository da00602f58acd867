using MassTransit;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>Answers the trivial saga's command at once, as a step worker with no work would.</summary>
public sealed class TrivialWorker : IConsumer<TrivialWork>
{
    public Task Consume(ConsumeContext<TrivialWork> context) =>
        context.RespondAsync(new TrivialReply(context.Message.CorrelationId));
}
