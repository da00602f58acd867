using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_batch_is_not_finished(IntegrationFixture fixture) : BatchStatsSpec(fixture)
{
    [Fact]
    public async Task Should_stay_in_progress_while_a_process_waits_for_the_troubleshooting_queue()
    {
        var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 3);
        await Db.InsertProcessesAsync(batchId, "COMPLETED", "WAITING_FOR_TSQ", "COMPLETED");

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.Status.ShouldBe("IN_PROGRESS");
        stats.InTroubleshootingCount.ShouldBe(1);
        stats.InProgressCount.ShouldBe(1);
        stats.CompletedAt.ShouldBeNull();
        stats.CompletedNow.ShouldBeFalse();
    }

    [Fact]
    public async Task Should_stay_open_while_processes_are_still_being_added()
    {
        var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 5);
        await Db.InsertProcessesAsync(batchId, "COMPLETED", "COMPLETED", "FAILED");

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.Status.ShouldBe("IN_PROGRESS");
        stats.InProgressCount.ShouldBe(2);
        stats.CompletedNow.ShouldBeFalse();
    }

    [Fact]
    public async Task Should_stay_pending_until_a_process_starts_and_then_record_the_start_once()
    {
        var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 2);
        await Db.InsertProcessesAsync(batchId, "PENDING", "PENDING");

        var before = await Db.RefreshBatchStatsAsync(batchId);
        await Db.ExecuteAsync(
            "UPDATE commandbus.process SET status = 'WAITING_FOR_REPLY' WHERE process_id = (SELECT process_id FROM commandbus.process WHERE batch_id = @batch LIMIT 1)",
            ("batch", batchId));
        var started = await Db.RefreshBatchStatsAsync(batchId);
        await Db.SetProcessStatusAsync(batchId, "PENDING", "IN_PROGRESS");
        var later = await Db.RefreshBatchStatsAsync(batchId);

        before!.Status.ShouldBe("PENDING");
        before.StartedAt.ShouldBeNull();
        started!.Status.ShouldBe("IN_PROGRESS");
        started.StartedAt.ShouldNotBeNull();
        later!.StartedAt.ShouldBe(started.StartedAt);
    }

    [Fact]
    public async Task Should_return_nothing_for_an_unknown_batch()
    {
        var stats = await Db.RefreshBatchStatsAsync(Guid.NewGuid());

        stats.ShouldBeNull();
    }
}
