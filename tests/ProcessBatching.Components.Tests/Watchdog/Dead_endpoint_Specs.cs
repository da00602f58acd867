using ProcessBatching.Components.Watchdog;

namespace ProcessBatching.Components.Tests.Watchdog;

public sealed class When_an_endpoint_queue_has_no_consumer
{
    private static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EndpointWatch _endpoint = new("statement-report-state");

    [Fact]
    public void Should_reconnect_the_bus_once_it_stayed_dead_for_the_dead_time()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        HealingPlan.For([_endpoint], Start.AddSeconds(29), DeadAfter).IsNothing.ShouldBeTrue();

        var plan = HealingPlan.For([_endpoint], Start.AddSeconds(30), DeadAfter);

        plan.Reconnect.ShouldBeTrue();
        plan.ToRestart.ShouldBeEmpty();
        plan.Healing.ShouldBe([_endpoint]);
        _endpoint.Reason.ShouldBe("no consumer, 2005 ready");
    }

    [Fact]
    public void Should_start_it_again_rather_than_reconnect_when_it_was_stopped()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false, Stopped: true));

        var plan = HealingPlan.For([_endpoint], Start.AddSeconds(30), DeadAfter);

        plan.ToRestart.ShouldBe([_endpoint]);
        plan.Reconnect.ShouldBeFalse();
    }

    [Fact]
    public void Should_give_each_heal_the_dead_time_to_work_before_the_next()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        _endpoint.Healed(Start.AddSeconds(30));
        _endpoint.Observe(Start.AddSeconds(35), new QueueReading(0, 2005), new LocalActivity(100, 0, false));

        HealingPlan.For([_endpoint], Start.AddSeconds(59), DeadAfter).IsNothing.ShouldBeTrue();
        HealingPlan.For([_endpoint], Start.AddSeconds(60), DeadAfter).Endpoints.ShouldBe([_endpoint]);
        _endpoint.DeadSince.ShouldBe(Start);
    }

    [Fact]
    public void Should_reconnect_only_once_per_outage_since_a_wedged_endpoint_needs_a_new_process()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));
        _endpoint.Healed(Start.AddSeconds(30));
        _endpoint.Observe(Start.AddSeconds(35), new QueueReading(0, 2005), new LocalActivity(100, 0, false));

        HealingPlan.For([_endpoint], Start.AddSeconds(60), DeadAfter).Reconnect.ShouldBeFalse();
    }

    [Fact]
    public void Should_leave_a_faulted_endpoint_to_the_bus_retries_and_heal_nothing()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, Faulted: true));

        var plan = HealingPlan.For([_endpoint], Start.AddSeconds(30), DeadAfter);

        plan.IsNothing.ShouldBeFalse();
        plan.Reconnect.ShouldBeFalse();
        plan.ToRestart.ShouldBeEmpty();
        plan.Healing.ShouldBeEmpty();
        _endpoint.Reason.ShouldBe("faulted, 2005 ready");
    }

    [Fact]
    public void Should_not_reconnect_again_while_the_last_reconnect_is_recent()
    {
        _endpoint.Observe(Start, new QueueReading(0, 2005), new LocalActivity(100, 0, false));

        var plan = HealingPlan.For([_endpoint], Start.AddSeconds(30), DeadAfter, mayReconnect: false);

        plan.Reconnect.ShouldBeFalse();
        plan.Wedged.ShouldBe([_endpoint]);
        plan.Healing.ShouldBeEmpty();
    }

    [Fact]
    public void Should_keep_starting_a_stopped_endpoint_again()
    {
        _endpoint.Observe(Start, new QueueReading(0, 5), new LocalActivity(100, 0, false, Stopped: true));
        _endpoint.Healed(Start.AddSeconds(30));
        _endpoint.Observe(Start.AddSeconds(35), new QueueReading(0, 5), new LocalActivity(100, 0, false, Stopped: true));

        HealingPlan.For([_endpoint], Start.AddSeconds(60), DeadAfter).ToRestart.ShouldBe([_endpoint]);
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
