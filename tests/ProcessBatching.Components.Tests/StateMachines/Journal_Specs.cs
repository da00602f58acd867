using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_process_completes_its_journal
{
    [Fact]
    public async Task Should_hold_one_audit_row_per_command_with_its_reply()
    {
        await using var test = await ProcessHarness.Start();

        var processId = await test.StartProcess();

        await test.ShouldReach(processId, x => x.Completed);
        var trail = test.Journal.AuditTrail(processId);
        trail.Select(x => (x.StepName, x.CommandType)).ShouldBe(
        [
            (StatementReportSteps.Query, nameof(StatementQuery)),
            (StatementReportSteps.Aggregation, nameof(StatementDataAggregation)),
            (StatementReportSteps.Render, nameof(StatementRender)),
        ]);
        trail.Select(x => x.CommandId).Distinct().Count().ShouldBe(3);
        trail.ShouldAllBe(x => x.ReplyOutcome == ReplyOutcome.Success && x.ReceivedAt >= x.SentAt);
        trail.Select(x => x.ReplyData).ShouldAllBe(x => x is StepCompleted);
        trail.ShouldAllBe(x => test.Journal.Command(x.CommandId)!.Status == CommandStatus.Completed
            && test.Journal.Command(x.CommandId)!.CorrelationId == processId);
    }
}
