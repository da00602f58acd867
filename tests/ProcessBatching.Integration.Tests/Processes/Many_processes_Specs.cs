using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_500_processes_start_at_once(IntegrationFixture fixture) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = await RunningService.StartAsync(fixture);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Should_complete_them_all_and_leave_nothing_in_any_error_queue()
    {
        var batchId = await _service.CreateBatchAsync(new { count = 500 });

        var batch = await _service.FinishedBatchAsync(batchId);

        batch.GetProperty("completed_count").GetInt32().ShouldBe(500);
        (await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'COMPLETED'")).ShouldBe(500);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.command WHERE status <> 'COMPLETED'")).ShouldBe(0);
        (await ErrorQueues.CountAsync(fixture, _service.Rabbit)).Values.ShouldAllBe(count => count == 0);
    }
}
