using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

public sealed class When_several_replicas_announce_a_finished_batch_at_once(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: no reconciler or progress consumer of this service announces the batch behind the spec's back.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_publish_its_completion_once()
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Raced batch", 3, null, null, null, null), CancellationToken.None);
        var dataSource = Service.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batch.BatchId);
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            (await Service.Services.GetRequiredService<BatchStatsRefresher>().RefreshAsync(connection, batch.BatchId, CancellationToken.None))!
                .Status.ShouldBe("COMPLETED");
        }

        // One notifier per replica, each with its own connections, all at once.
        var bus = Service.Services.GetRequiredService<IBus>();
        var published = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => new BatchCompletionNotifier(dataSource, bus).NotifyAsync(batch.BatchId, CancellationToken.None))));

        published.Count(x => x).ShouldBe(1, "one notifier published; the others found it published or held");
        // Each publish is confirmed by the broker before NotifyAsync returns: every copy is in the queue now.
        (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem().GetProperty("batch_id").GetGuid().ShouldBe(batch.BatchId);
    }
}
