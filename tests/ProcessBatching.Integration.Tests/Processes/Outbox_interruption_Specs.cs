using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_outbox_delivery_stops_after_a_process_committed(IntegrationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_still_reach_its_next_step_once_delivery_runs_again()
    {
        Guid batchId;
        var stopped = new Dictionary<string, string?>(fixture.ServiceConfiguration()) { ["Outbox:DeliveryServiceEnabled"] = "false" };
        await using (var service = await RunningService.StartAsync(fixture, stopped))
        {
            batchId = await service.CreateBatchAsync(new { count = 1 });

            // The process committed its first step; the command it sent waits in the outbox.
            await Eventually.UntilAsync(
                () => fixture.ScalarAsync<string>($"SELECT status FROM commandbus.process WHERE batch_id = '{batchId}'"),
                s => s == "WAITING_FOR_REPLY",
                waitingFor: "the process waiting for its first reply");
            // The command is still an outbox row and not in the worker's queue: no worker has seen it,
            // so no reply can exist, however long one waited.
            (await fixture.ScalarAsync<long>(
                "SELECT count(*) FROM commandbus.outbox_message WHERE message_type LIKE '%StatementQuery%'")).ShouldBe(1);
            (await service.Rabbit.CountAsync("statement-query")).ShouldBe(0u);
            (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process_audit WHERE reply_outcome IS NOT NULL")).ShouldBe(0);
        }

        await using var restarted = await RunningService.StartAsync(fixture);
        var batch = await restarted.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process_audit WHERE reply_outcome = 'SUCCESS'")).ShouldBe(3);
    }
}
