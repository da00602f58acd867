using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

public sealed class When_500_processes_start_at_once(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Fact]
    public async Task Should_complete_them_all_and_leave_nothing_in_any_error_queue()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 500 });

        var batch = await Service.FinishedBatchAsync(batchId);

        batch.GetProperty("completed_count").GetInt32().ShouldBe(500);
        (await Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'COMPLETED'")).ShouldBe(500);
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.command WHERE status <> 'COMPLETED'")).ShouldBe(0);
        (await ErrorQueues.DrainAsync(Fixture, Service.Rabbit)).ShouldAllBe(queue => queue.Value.Count == 0, "no message faulted");
    }
}
