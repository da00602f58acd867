using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_an_operator_cancels_a_process_in_the_troubleshooting_queue
{
    [Fact]
    public async Task Should_compensate_completed_steps_in_reverse_order_and_end_compensated()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(Behaviors.Render(Behaviors.Permanent));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        var faultedCommandId = test.Process(processId).Data.CurrentCommandId!.Value;

        await test.Harness.Bus.Publish(new CancelProcess(processId));

        await test.ShouldReach(processId, x => x.Compensated);
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBe([StatementReportSteps.Aggregation, StatementReportSteps.Query]);
        test.Journal.Command(faultedCommandId)!.Status.ShouldBe(CommandStatus.Canceled);
        (await test.StatusChanges(processId, 4)).Skip(2).Select(x => x.NewStatus)
            .ShouldBe(["COMPENSATING", "COMPENSATED"]);
    }

    [Fact]
    public async Task Should_end_compensated_at_once_when_nothing_was_completed()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(Behaviors.Query(Behaviors.Permanent));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);

        await test.Harness.Bus.Publish(new CancelProcess(processId));

        await test.ShouldReach(processId, x => x.Compensated);
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBeEmpty();
        (await test.StatusChanges(processId, 3))[^1].OldStatus.ShouldBe("WAITING_FOR_TSQ");
    }
}
