using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_pending_process_row_is_started
{
    [Fact]
    public async Task Should_keep_its_batch_and_creation_time_and_wait_for_the_query()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var (processId, batchId) = (Guid.NewGuid(), Guid.NewGuid());
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        test.AddPendingProcess(new StatementReportState
        {
            CorrelationId = processId,
            CurrentState = ProcessStatus.Pending.StateName(),
            BatchId = batchId,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        });

        await test.StartProcess(batchId: null, processId: processId);

        await test.ShouldReach(processId, x => x.WaitingForReply);
        var process = test.Process(processId);
        process.BatchId.ShouldBe(batchId);
        process.CreatedAt.ShouldBe(createdAt);
        var first = (await test.StatusChanges(processId, 1)).ShouldHaveSingleItem();
        (first.OldStatus, first.NewStatus, first.BatchId).ShouldBe(("PENDING", "WAITING_FOR_REPLY", batchId));
    }

    [Fact]
    public async Task Should_start_a_row_the_dispatcher_marked_in_progress()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = Guid.NewGuid();
        test.AddPendingProcess(new StatementReportState
        {
            CorrelationId = processId,
            CurrentState = ProcessStatus.InProgress.StateName(),
            Data = StatementReportData.From(Requests.Statement(null)),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });

        await test.StartProcess(batchId: null, processId: processId);

        await test.ShouldReach(processId, x => x.WaitingForReply);
        var first = (await test.StatusChanges(processId, 1)).ShouldHaveSingleItem();
        (first.OldStatus, first.NewStatus).ShouldBe(("IN_PROGRESS", "WAITING_FOR_REPLY"));
    }
}
