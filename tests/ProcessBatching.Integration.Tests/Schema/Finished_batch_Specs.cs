using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_finished_batch_is_refreshed_again(IntegrationFixture fixture) : BatchStatsSpec(fixture)
{
    [Fact]
    public async Task Should_not_move_back_when_a_process_changes_afterwards()
    {
        var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 2);
        await Db.InsertProcessesAsync(batchId, "COMPLETED", "COMPLETED");
        var finished = await Db.RefreshBatchStatsAsync(batchId);

        await Db.SetProcessStatusAsync(batchId, "COMPLETED", "WAITING_FOR_TSQ");
        var again = await Db.RefreshBatchStatsAsync(batchId);

        again.ShouldNotBeNull();
        again.Status.ShouldBe("COMPLETED");
        again.CompletedCount.ShouldBe(2);
        again.InTroubleshootingCount.ShouldBe(0);
        again.CompletedAt.ShouldBe(finished!.CompletedAt);
        again.CompletedNow.ShouldBeFalse();
    }

    [Fact]
    public async Task Should_report_the_completion_exactly_once_when_refreshed_concurrently()
    {
        await using var other = await Fixture.OpenConnectionAsync();
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var batchId = await Db.InsertBatchAsync("PROCESS", totalCount: 3);
            await Db.InsertProcessesAsync(batchId, "COMPLETED", "CANCELED", "COMPENSATED");

            var results = await Task.WhenAll(Db.RefreshBatchStatsAsync(batchId), other.RefreshBatchStatsAsync(batchId));

            results.ShouldAllBe(stats => stats != null && stats.Status == "COMPLETED_WITH_FAILURES");
            results[0].ShouldBe(results[1]! with { CompletedNow = results[0]!.CompletedNow });
            results.Count(stats => stats!.CompletedNow).ShouldBe(1, $"attempt {attempt}");
        }
    }
}
