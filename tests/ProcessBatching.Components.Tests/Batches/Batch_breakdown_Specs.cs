using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Tests.Batches;

/// <summary>
/// The breakdown puts the counted rows beside the batch's own counts: PENDING and COMPLETED (no step,
/// no error code) come from the batch, which counts COMPENSATED as completed.
/// </summary>
public class When_a_batch_breakdown_is_put_together
{
    [Fact]
    public void Should_take_pending_and_completed_from_the_batch_and_order_the_steps_as_they_run()
    {
        // 100 processes: 50 completed and 5 compensated (the batch's completed 55), 3 failed, 2 blocked at two steps, 4 running.
        var batch = new BatchView(Guid.NewGuid(), "Broken down", BatchType.Process, BatchStatus.InProgress, 100, 55, 3, 42, 2,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);
        (ProcessStatus, string?, string?, int)[] rows =
        [
            (ProcessStatus.InTroubleshootingQueue, "StatementRender", "PermanentStepException", 1),
            (ProcessStatus.InTroubleshootingQueue, "StatementQuery", "TIMEOUT", 1),
            (ProcessStatus.Compensated, "StatementDataAggregation", "BUSINESS_RULE_VIOLATION", 5),
            (ProcessStatus.Failed, "StatementDataAggregation", "COMPENSATION_FAILED", 3),
            (ProcessStatus.WaitingForReply, "StatementRender", null, 3),
            (ProcessStatus.InProgress, null, null, 1),
        ];

        var breakdown = ProcessBreakdowns.Combine(batch, rows);

        breakdown.ByStep.ShouldBe(
        [
            new(null, ProcessStatus.Pending, 36),
            new(null, ProcessStatus.InProgress, 1),
            new(null, ProcessStatus.Completed, 50),
            new("StatementQuery", ProcessStatus.InTroubleshootingQueue, 1),
            new("StatementDataAggregation", ProcessStatus.Compensated, 5),
            new("StatementDataAggregation", ProcessStatus.Failed, 3),
            new("StatementRender", ProcessStatus.WaitingForReply, 3),
            new("StatementRender", ProcessStatus.InTroubleshootingQueue, 1),
        ]);
        breakdown.ByStep.Sum(count => count.Count).ShouldBe(100, "the counts add up to the batch's total");
        breakdown.ByErrorCode.ShouldBe(
        [
            new("BUSINESS_RULE_VIOLATION", "StatementDataAggregation", 5),
            new("COMPENSATION_FAILED", "StatementDataAggregation", 3),
            new("PermanentStepException", "StatementRender", 1),
            new("TIMEOUT", "StatementQuery", 1),
        ]);
    }
}
