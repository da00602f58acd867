using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_an_operator_retries_a_step
{
    [Fact]
    public async Task Should_send_the_step_again_with_a_new_command_and_complete()
    {
        // Half of the query's rolls fail permanently: the first roll (10) does, the retried command's (90) does not.
        await using var test = await ProcessHarness.Start(random: new ScriptedRandom(10, 90));
        var processId = await test.StartProcess(Behaviors.Query(StepBehavior.None with { FailPermanentPct = 50 }));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        var faultedCommandId = test.Process(processId).Data.CurrentCommandId!.Value;

        await test.Harness.Bus.Publish(new RetryStep(processId));

        await test.ShouldReach(processId, x => x.Completed);
        test.Process(processId).ErrorCode.ShouldBeNull();
        var queries = test.Journal.AuditTrail(processId).Where(x => x.StepName == StatementReportSteps.Query).ToList();
        queries.Select(x => x.ReplyOutcome).ShouldBe([ReplyOutcome.Canceled, ReplyOutcome.Success]);
        queries[0].CommandId.ShouldBe(faultedCommandId);
        queries[1].CommandId.ShouldNotBe(faultedCommandId);
        test.Journal.Command(faultedCommandId)!.Status.ShouldBe(CommandStatus.Canceled);
    }

    [Fact]
    public async Task Should_run_the_retried_step_without_its_failure_chances()
    {
        // The render always fails permanently; the operator retries once the cause is fixed.
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } });
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);

        await test.Harness.Bus.Publish(new RetryStep(processId));

        await test.ShouldReach(processId, x => x.Completed);
        test.Process(processId).Data.RetriedSteps.ShouldBe([StatementReportSteps.Render]);
    }
}
