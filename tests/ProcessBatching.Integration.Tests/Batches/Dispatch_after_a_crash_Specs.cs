using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_replica_stops_between_creating_and_dispatching_a_batch(IntegrationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_start_every_process_once_a_replica_runs_again()
    {
        Guid batchId;

        // A replica without the batches role writes the batch but never dispatches it: as if it
        // had stopped right after the commit.
        await using (var first = await RunningService.StartAsync(fixture, fixture.ServiceConfiguration(roles: "processes,workers")))
        {
            batchId = await first.CreateBatchAsync(new { count = 50 });
            // Nothing on this replica dispatches (no dispatcher among its hosted services), so the rows
            // are PENDING whenever one looks: no wait can make this check stronger.
            first.Services.GetServices<IHostedService>().OfType<ProcessDispatcher>().ShouldBeEmpty();
            (await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'PENDING'"))
                .ShouldBe(50);
        }

        await using var second = await RunningService.StartAsync(fixture);
        var batch = await second.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(50);
    }
}
