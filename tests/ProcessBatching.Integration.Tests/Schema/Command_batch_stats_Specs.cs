using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

/// <summary>Command batches count their command rows exactly as before process batches existed.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_command_batch_is_refreshed(IntegrationFixture fixture) : BatchStatsSpec(fixture)
{
    [Theory]
    [InlineData("PENDING", 0, 0, 0, "PENDING")]
    [InlineData("IN_PROGRESS", 0, 0, 0, "IN_PROGRESS")]
    [InlineData("IN_TROUBLESHOOTING_QUEUE", 0, 0, 1, "IN_PROGRESS")]
    [InlineData("COMPLETED", 1, 0, 0, "COMPLETED")]
    [InlineData("CANCELED", 0, 1, 0, "COMPLETED_WITH_FAILURES")]
    [InlineData("FAILED", 0, 1, 0, "COMPLETED_WITH_FAILURES")]
    public async Task Should_count_the_command_status_in_its_counter(
        string commandStatus, int completed, int canceled, int troubleshooting, string batchStatus)
    {
        var batchId = await Db.InsertBatchAsync("COMMAND", totalCount: 1);
        await Db.InsertCommandsAsync(batchId, commandStatus);

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.ShouldSatisfyAllConditions(
            () => stats.CompletedCount.ShouldBe(completed),
            () => stats.CanceledCount.ShouldBe(canceled),
            () => stats.InTroubleshootingCount.ShouldBe(troubleshooting),
            () => stats.Status.ShouldBe(batchStatus));
    }

    [Fact]
    public async Task Should_ignore_processes_that_carry_the_same_batch_id()
    {
        var batchId = await Db.InsertBatchAsync("COMMAND", totalCount: 2);
        await Db.InsertCommandsAsync(batchId, "COMPLETED", "COMPLETED");
        await Db.InsertProcessesAsync(batchId, "FAILED", "WAITING_FOR_TSQ");

        var stats = await Db.RefreshBatchStatsAsync(batchId);

        stats.ShouldNotBeNull();
        stats.Status.ShouldBe("COMPLETED");
        stats.CompletedCount.ShouldBe(2);
        stats.CanceledCount.ShouldBe(0);
        stats.CompletedNow.ShouldBeTrue();
    }
}
