using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_step_command_lands_in_the_troubleshooting_queue
{
    [Fact]
    public async Task Should_wait_there_after_a_permanent_failure_without_retrying()
    {
        var random = new ScriptedRandom();
        await using var test = await ProcessHarness.Start(random: random);

        var processId = await test.StartProcess(Behaviors.Aggregation(Behaviors.Permanent));

        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        random.Rolls.ShouldBe(2);
        var process = test.Process(processId);
        process.CurrentStep.ShouldBe(StatementReportSteps.Aggregation);
        process.ErrorCode.ShouldBe(nameof(PermanentStepException));
        process.ErrorMessage.ShouldBe("StatementDataAggregation failed permanently (simulated)");
        process.CompletedAt.ShouldBeNull();
        test.Journal.Command(process.Data.CurrentCommandId!.Value)!.Status.ShouldBe(CommandStatus.InTroubleshootingQueue);
        test.Journal.AuditTrail(processId)[^1].ReplyOutcome.ShouldBeNull();
        // Moving from the query to the aggregation is no status change: two in all.
        (await test.StatusChanges(processId, 2))[^1].ShouldSatisfyAllConditions(
            x => x.NewStatus.ShouldBe("WAITING_FOR_TSQ"),
            x => x.ErrorCode.ShouldBe(nameof(PermanentStepException)));
    }

    [Fact]
    public async Task Should_wait_there_once_transient_retries_run_out()
    {
        var random = new ScriptedRandom();
        await using var test = await ProcessHarness.Start(random: random);

        var processId = await test.StartProcess(Behaviors.Query(Behaviors.Transient));

        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        // README: retried in process at 100, 250 and 500 ms, so one attempt and three retries.
        random.Rolls.ShouldBe(4);
        test.Process(processId).ErrorCode.ShouldBe(nameof(TransientStepException));
    }

    [Fact]
    public async Task Should_wait_there_once_a_step_keeps_timing_out()
    {
        await using var test = await ProcessHarness.Start();

        var processId = await test.StartProcess(Behaviors.Render(Behaviors.Timeout));

        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        var process = test.Process(processId);
        process.CurrentStep.ShouldBe(StatementReportSteps.Render);
        process.ErrorCode.ShouldBe(nameof(TimeoutException));
    }
}
