using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Consumers;

public class When_a_step_is_simulated
{
    static Task<StepOutcome> Run(StepBehavior behavior, int roll) =>
        new StepSimulator(new ScriptedRandom(roll)).Run("StatementQuery", behavior, CancellationToken.None);

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task Should_complete_whatever_the_roll_at_zero_percent(int roll) =>
        (await Run(StepBehavior.None, roll)).ShouldBe(StepOutcome.Completed);

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task Should_fail_as_told_whatever_the_roll_at_a_hundred_percent(int roll)
    {
        await Should.ThrowAsync<PermanentStepException>(() => Run(Behaviors.Permanent, roll));
        await Should.ThrowAsync<TransientStepException>(() => Run(Behaviors.Transient, roll));
        await Should.ThrowAsync<TimeoutException>(() => Run(Behaviors.Timeout, roll));
        (await Run(Behaviors.BusinessRule, roll)).ShouldBe(StepOutcome.BusinessRuleFailure);
    }

    [Theory]
    [InlineData(9, "PermanentStepException")]
    [InlineData(10, "TransientStepException")]
    [InlineData(29, "TransientStepException")]
    [InlineData(30, "TimeoutException")]
    [InlineData(39, "TimeoutException")]
    [InlineData(40, "BusinessRuleFailure")]
    [InlineData(69, "BusinessRuleFailure")]
    [InlineData(70, "Completed")]
    public async Task Should_pick_the_outcome_from_consecutive_bands(int roll, string expected)
    {
        var behavior = new StepBehavior(FailPermanentPct: 10, FailTransientPct: 20, FailBusinessRulePct: 30, TimeoutPct: 10, 0, 0);

        string outcome;
        try
        {
            outcome = (await Run(behavior, roll)).ToString();
        }
        catch (Exception e)
        {
            outcome = e.GetType().Name;
        }

        outcome.ShouldBe(expected);
    }

    [Fact]
    public async Task Should_take_a_duration_from_the_range()
    {
        var random = new ScriptedRandom(120, 99);
        var started = TimeProvider.System.GetTimestamp();

        await new StepSimulator(random).Run("StatementRender", StepBehavior.None with { MinDurationMs = 100, MaxDurationMs = 150 },
            CancellationToken.None);

        TimeProvider.System.GetElapsedTime(started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        random.Rolls.ShouldBe(2);
    }
}
