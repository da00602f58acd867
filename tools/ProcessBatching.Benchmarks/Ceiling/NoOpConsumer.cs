using MassTransit;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>Does nothing but count: what the broker and MassTransit cost per message, without a database.</summary>
public sealed class NoOpConsumer(ArrivalCounter counter) : IConsumer<CeilingPing>
{
    public Task Consume(ConsumeContext<CeilingPing> context)
    {
        counter.Arrive();
        return Task.CompletedTask;
    }
}
