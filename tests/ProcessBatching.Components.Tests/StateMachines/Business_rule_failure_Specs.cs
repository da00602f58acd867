using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_step_breaks_a_business_rule
{
    [Fact]
    public async Task Should_compensate_completed_steps_in_reverse_order_and_end_canceled()
    {
        await using var test = await ProcessHarness.Start();

        var processId = await test.StartProcess(Behaviors.Render(Behaviors.BusinessRule));

        await test.ShouldReach(processId, x => x.Canceled);
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBe([StatementReportSteps.Aggregation, StatementReportSteps.Query]);
        var process = test.Process(processId);
        process.ErrorCode.ShouldBe(StepConsumer<StatementRender>.BusinessRuleErrorCode);
        process.Data.CompensatedSteps.ShouldBe([StatementReportSteps.Aggregation, StatementReportSteps.Query]);
        process.CompletedAt.ShouldNotBeNull();

        var changes = await test.StatusChanges(processId, 3);
        changes.Select(x => (x.NewStatus, x.Step)).ShouldBe(
        [
            ("WAITING_FOR_REPLY", StatementReportSteps.Query),
            ("COMPENSATING", StatementReportSteps.Aggregation),
            ("CANCELED", StatementReportSteps.Query),
        ]);
        changes[^1].ErrorCode.ShouldBe(StepConsumer<StatementRender>.BusinessRuleErrorCode);
    }

    [Fact]
    public async Task Should_end_canceled_at_once_when_nothing_was_completed()
    {
        await using var test = await ProcessHarness.Start();

        var processId = await test.StartProcess(Behaviors.Query(Behaviors.BusinessRule));

        await test.ShouldReach(processId, x => x.Canceled);
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBeEmpty();
        var render = test.Journal.AuditTrail(processId).ShouldHaveSingleItem();
        render.ReplyOutcome.ShouldBe(ReplyOutcome.Failed);
        test.Journal.Command(render.CommandId)!.Status.ShouldBe(CommandStatus.Failed);
    }
}
