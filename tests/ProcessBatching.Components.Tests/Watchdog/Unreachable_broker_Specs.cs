using ProcessBatching.Components.Watchdog;

namespace ProcessBatching.Components.Tests.Watchdog;

/// <summary>While the broker is down, reconnecting is MassTransit's job and restarting would not help: the watchdog keeps its last verdict, and does not count the time.</summary>
public sealed class When_the_broker_does_not_answer
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EndpointWatch _endpoint = new("batch-progress");

    [Fact]
    public void Should_not_start_an_outage()
    {
        _endpoint.Observe(Start, null, new LocalActivity(0, 0, Faulted: true));

        _endpoint.IsDead.ShouldBeFalse();
        HealingPlan.For([_endpoint], Start.AddMinutes(5), TimeSpan.FromSeconds(30)).IsNothing.ShouldBeTrue();
    }

    [Fact]
    public void Should_not_end_one_either_but_count_its_time_only_from_the_broker_answering_again()
    {
        var unhealthyAfter = TimeSpan.FromSeconds(20);
        _endpoint.Observe(Start, new QueueReading(0, 25), new LocalActivity(0, 0, Faulted: true));

        _endpoint.Observe(Start.AddSeconds(15), null, new LocalActivity(0, 0, Faulted: true));
        _endpoint.Observe(Start.AddSeconds(17), new QueueReading(0, 25), new LocalActivity(0, 0, Faulted: true));

        _endpoint.IsDead.ShouldBeTrue();
        _endpoint.DeadSince.ShouldBe(Start.AddSeconds(15));
        _endpoint.BeyondHealing(Start.AddSeconds(34), unhealthyAfter).ShouldBeFalse();
        _endpoint.BeyondHealing(Start.AddSeconds(35), unhealthyAfter).ShouldBeTrue();
    }
}
