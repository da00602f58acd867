using ProcessBatching.Components.Watchdog;

namespace ProcessBatching.Components.Tests.Watchdog;

public sealed class When_an_endpoint_queue_has_no_consumer
{
    private static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EndpointWatch _endpoint = new("statement-report-state");

    [Fact]
    public void Should_restart_the_endpoint_once_it_stayed_dead_for_the_dead_time()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        HealingPlan.For([_endpoint], Start.AddSeconds(29), DeadAfter).IsNothing.ShouldBeTrue();

        var plan = HealingPlan.For([_endpoint], Start.AddSeconds(30), DeadAfter);

        plan.Endpoints.ShouldBe([_endpoint]);
        plan.RestartBus.ShouldBeFalse();
        _endpoint.Reason.ShouldBe("no consumer, 2005 ready");
    }

    [Fact]
    public void Should_restart_the_bus_when_restarting_the_endpoint_did_not_bring_a_consumer_back()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        _endpoint.Healed(Start.AddSeconds(30));
        _endpoint.Observe(Start.AddSeconds(35), new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        HealingPlan.For([_endpoint], Start.AddSeconds(59), DeadAfter).IsNothing.ShouldBeTrue();

        var plan = HealingPlan.For([_endpoint], Start.AddSeconds(60), DeadAfter);

        plan.RestartBus.ShouldBeTrue();
    }

    [Fact]
    public void Should_be_beyond_healing_only_after_the_unhealthy_time()
    {
        _endpoint.Observe(Start, new QueueReading(0, 0), new LocalActivity(0, 0, false));

        _endpoint.BeyondHealing(Start.AddMinutes(2.9), TimeSpan.FromMinutes(3)).ShouldBeFalse();
        _endpoint.BeyondHealing(Start.AddMinutes(3), TimeSpan.FromMinutes(3)).ShouldBeTrue();
    }

    [Fact]
    public void Should_forget_the_outage_once_a_consumer_is_back()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        _endpoint.Healed(Start.AddSeconds(30));

        _endpoint.Observe(Start.AddSeconds(35), new QueueReading(1, 1990), new LocalActivity(115, 10, false));

        _endpoint.IsDead.ShouldBeFalse();
        _endpoint.Heals.ShouldBe(0);
        HealingPlan.For([_endpoint], Start.AddMinutes(5), DeadAfter).IsNothing.ShouldBeTrue();
    }
}
