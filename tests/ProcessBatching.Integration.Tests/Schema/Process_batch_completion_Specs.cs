using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_every_process_in_a_batch_has_finished(IntegrationFixture fixture) : BatchStatsSpec(fixture)
{
    [Theory]
    [InlineData("COMPLETED,COMPLETED,COMPLETED")]
    [InlineData("COMPLETED,COMPENSATED,COMPLETED")]
    [InlineData("COMPENSATED,COMPENSATED")]
    public async Task Should_complete_the_batch_when_all_succeeded(string processStatuses)
    {
        var statuses = processStatuses.Split(',');
        var batchId = await Db.InsertBatchAsync("PROCESS", statuses.Length);
        await Db.InsertProcessesAsync(batchId, statuses);

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.Status.ShouldBe("COMPLETED");
        stats.CompletedCount.ShouldBe(statuses.Length);
        stats.CanceledCount.ShouldBe(0);
        stats.StartedAt.ShouldNotBeNull();
        stats.CompletedAt.ShouldNotBeNull();
        stats.CompletedNow.ShouldBeTrue();
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("CANCELED")]
    public async Task Should_complete_the_batch_with_failures_when_one_failed(string failure)
    {
        var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 3);
        await Db.InsertProcessesAsync(batchId, "COMPLETED", failure, "COMPENSATED");

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.Status.ShouldBe("COMPLETED_WITH_FAILURES");
        stats.CompletedCount.ShouldBe(2);
        stats.CanceledCount.ShouldBe(1);
        stats.CompletedAt.ShouldNotBeNull();
        stats.CompletedNow.ShouldBeTrue();
    }
}
