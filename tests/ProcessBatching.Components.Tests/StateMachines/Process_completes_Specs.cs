using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_every_step_succeeds
{
    [Fact]
    public async Task Should_complete_the_process_with_every_result_path()
    {
        await using var test = await ProcessHarness.Start();
        var batchId = Guid.NewGuid();

        var processId = await test.StartProcess(batchId: batchId);

        await test.ShouldReach(processId, x => x.Completed);
        var process = test.Process(processId);
        process.BatchId.ShouldBe(batchId);
        process.CurrentStep.ShouldBe(StatementReportSteps.Render);
        process.CompletedAt.ShouldNotBeNull();
        process.ErrorCode.ShouldBeNull();
        process.Data.CompletedSteps.ShouldBe([StatementReportSteps.Query, StatementReportSteps.Aggregation, StatementReportSteps.Render]);
        process.Data.ResultPaths[StatementReportSteps.Render].ShouldBe($"/reports/{processId}/StatementRender.pdf");
    }

    [Fact]
    public async Task Should_publish_every_status_change_in_order()
    {
        await using var test = await ProcessHarness.Start();
        var batchId = Guid.NewGuid();

        var processId = await test.StartProcess(batchId: batchId);

        // Moving from step to step while waiting for replies is no status change.
        var changes = await test.StatusChanges(processId, 2);
        changes.Select(x => (x.OldStatus, x.NewStatus, x.Step)).ShouldBe(
        [
            ("PENDING", "WAITING_FOR_REPLY", StatementReportSteps.Query),
            ("WAITING_FOR_REPLY", "COMPLETED", StatementReportSteps.Render),
        ]);
        changes.ShouldAllBe(x => x.BatchId == batchId && x.ProcessType == "StatementReport"
            && x.ErrorCode == null && x.ErrorMessage == null);
        changes.Select(x => x.Timestamp).ShouldBeInOrder(SortDirection.Ascending);
        changes[^1].Timestamp.ShouldBe(test.Process(processId).CompletedAt!.Value);
    }
}
