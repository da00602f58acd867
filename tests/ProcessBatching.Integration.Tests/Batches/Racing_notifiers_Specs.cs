using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

public sealed class When_several_replicas_recount_a_finished_batch_at_once(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: no reconciler or progress consumer of this service announces the batch behind the spec's back.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_publish_its_completion_once()
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Raced batch", 3, null, null, null, null), CancellationToken.None);
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batch.BatchId);
        }

        // One batch owner per replica, all recounting the finished batch at once: the stats function's
        // row lock lets one of them finish it, and only that one writes the completion.
        var owners = Enumerable.Range(0, 8).Select(_ => ActivatorUtilities.CreateInstance<BatchOwner>(Service.Services)).ToList();
        var views = await Task.WhenAll(owners.Select(owner => Task.Run(() => owner.RecountAsync(batch.BatchId, CancellationToken.None))));

        views.ShouldAllBe(view => view!.Status == BatchStatus.Completed);
        await Fixture.OutboxDeliveredAsync();
        (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem().GetProperty("batch_id").GetGuid().ShouldBe(batch.BatchId);
    }
}
