using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_step_fails_transiently_then_succeeds
{
    [Fact]
    public async Task Should_complete_the_process_with_one_command_per_step()
    {
        // Half of the query's rolls fail transiently: the first roll (10) fails, the retry's (90) succeeds.
        var random = new ScriptedRandom(10, 90);
        await using var test = await ProcessHarness.Start(random: random);

        var processId = await test.StartProcess(Behaviors.Query(StepBehavior.None with { FailTransientPct = 50 }));

        await test.ShouldReach(processId, x => x.Completed);
        random.Rolls.ShouldBe(4);
        test.Journal.AuditTrail(processId).Select(x => (x.StepName, x.ReplyOutcome)).ShouldBe(
        [
            (StatementReportSteps.Query, ReplyOutcome.Success),
            (StatementReportSteps.Aggregation, ReplyOutcome.Success),
            (StatementReportSteps.Render, ReplyOutcome.Success),
        ]);
    }
}
