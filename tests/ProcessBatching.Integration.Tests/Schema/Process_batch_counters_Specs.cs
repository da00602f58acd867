using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_batch_of_one_is_refreshed(IntegrationFixture fixture) : BatchStatsSpec(fixture)
{
    [Theory]
    [InlineData("PENDING", 0, 0, 0, 1, "PENDING")]
    [InlineData("IN_PROGRESS", 0, 0, 0, 1, "IN_PROGRESS")]
    [InlineData("WAITING_FOR_REPLY", 0, 0, 0, 1, "IN_PROGRESS")]
    [InlineData("WAITING_FOR_TSQ", 0, 0, 1, 1, "IN_PROGRESS")]
    [InlineData("COMPENSATING", 0, 0, 0, 1, "IN_PROGRESS")]
    [InlineData("COMPLETED", 1, 0, 0, 0, "COMPLETED")]
    [InlineData("COMPENSATED", 1, 0, 0, 0, "COMPLETED")]
    [InlineData("FAILED", 0, 1, 0, 0, "COMPLETED_WITH_FAILURES")]
    [InlineData("CANCELED", 0, 1, 0, 0, "COMPLETED_WITH_FAILURES")]
    public async Task Should_count_the_process_status_in_its_counter(
        string processStatus, int completed, int failed, int blocked, int inProgress, string batchStatus)
    {
        var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 1);
        await Db.InsertProcessesAsync(batchId, processStatus);

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.ShouldSatisfyAllConditions(
            () => stats.CompletedCount.ShouldBe(completed),
            () => stats.CanceledCount.ShouldBe(failed),
            () => stats.InTroubleshootingCount.ShouldBe(blocked),
            () => stats.InProgressCount.ShouldBe(inProgress),
            () => stats.Status.ShouldBe(batchStatus));
    }
}
