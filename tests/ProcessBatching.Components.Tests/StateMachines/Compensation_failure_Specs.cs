using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_compensation_fails
{
    [Fact]
    public async Task Should_leave_the_process_failed_with_the_error()
    {
        await using var test = await ProcessHarness.Start();

        var processId = await test.StartProcess(
            Behaviors.Render(Behaviors.BusinessRule) with { Compensation = Behaviors.Permanent });

        await test.ShouldReach(processId, x => x.Failed);
        var process = test.Process(processId);
        process.CurrentStep.ShouldBe(StatementReportSteps.Aggregation);
        process.ErrorCode.ShouldBe("COMPENSATION_FAILED");
        process.ErrorMessage.ShouldBe(
            "Compensation of StatementDataAggregation failed: Compensation of StatementDataAggregation failed permanently (simulated)");
        process.CompletedAt.ShouldNotBeNull();
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBe([StatementReportSteps.Aggregation]);
        test.Journal.Command(process.Data.CurrentCommandId!.Value)!.Status.ShouldBe(CommandStatus.Failed);
        test.Journal.AuditTrail(processId)[^1].ReplyOutcome.ShouldBe(ReplyOutcome.Failed);
    }
}
