using ProcessBatching.Components.Watchdog;

namespace ProcessBatching.Components.Tests.Watchdog;

/// <summary>Another replica's consumer keeps the queue's consumer count up; only this replica's own progress tells whether its consumer lives.</summary>
public sealed class When_messages_wait_on_a_queue_with_consumers
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EndpointWatch _endpoint = new("statement-query");

    [Fact]
    public void Should_count_the_endpoint_dead_when_this_replica_took_none_of_them_since_the_last_probe()
    {
        _endpoint.Observe(Start, new QueueReading(1, 300), new LocalActivity(40, 0, false));
        _endpoint.IsDead.ShouldBeFalse();

        _endpoint.Observe(Start.AddSeconds(5), new QueueReading(1, 320), new LocalActivity(40, 0, false));

        _endpoint.IsDead.ShouldBeTrue();
        _endpoint.Reason.ShouldBe("320 ready but none taken by this replica");
    }

    [Fact]
    public void Should_count_it_alive_while_it_takes_some()
    {
        _endpoint.Observe(Start, new QueueReading(1, 300), new LocalActivity(40, 0, false));

        _endpoint.Observe(Start.AddSeconds(5), new QueueReading(1, 320), new LocalActivity(41, 0, false));

        _endpoint.IsDead.ShouldBeFalse();
    }

    [Fact]
    public void Should_count_it_alive_while_it_handles_a_long_message()
    {
        _endpoint.Observe(Start, new QueueReading(1, 300), new LocalActivity(40, 1, false));

        _endpoint.Observe(Start.AddSeconds(5), new QueueReading(1, 320), new LocalActivity(40, 1, false));

        _endpoint.IsDead.ShouldBeFalse();
    }

    [Fact]
    public void Should_count_it_dead_when_MassTransit_reports_it_faulted()
    {
        _endpoint.Observe(Start, new QueueReading(1, 0), new LocalActivity(40, 0, Faulted: true));

        _endpoint.IsDead.ShouldBeTrue();
    }
}
