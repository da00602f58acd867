using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

/// <summary>
/// Two replicas' batch owners race to finish the same batch: the stats function's row lock lets one
/// of them finish it, and that one writes the only ProcessBatchCompleted in the same transaction.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_two_replicas_finish_a_batch_at_once(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceFactory _first = null!;
    private ServiceFactory _second = null!;
    private RabbitProbe _rabbit = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        // The API role runs no dispatcher, reconciler or progress consumer: only the spec recounts.
        _first = new ServiceFactory(fixture.ServiceConfiguration(roles: "api"));
        _second = new ServiceFactory(fixture.ServiceConfiguration(roles: "api"));
        await _first.StartReadyAsync();
        await _second.StartReadyAsync();
        _rabbit = await RabbitProbe.ConnectAsync(fixture);
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task Should_publish_one_completion_with_the_final_counts()
    {
        var completions = await _rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var (batch, _) = await _first.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Raced batch", 20, null, null, null, null), CancellationToken.None);
        await fixture.ExecuteAsync(
            $"UPDATE commandbus.process SET status = CASE WHEN process_id = (SELECT process_id FROM commandbus.process WHERE batch_id = '{batch.BatchId}' ORDER BY process_id LIMIT 1) THEN 'FAILED' ELSE 'COMPLETED' END WHERE batch_id = '{batch.BatchId}'");
        var owners = new[] { _first, _second }.Select(service => service.Services.GetRequiredService<BatchOwner>()).ToArray();

        // Each replica recounts as its progress consumer, its reader and its reconciler would, all at once.
        var results = await Task.WhenAll(owners.SelectMany(owner => new[]
        {
            owner.RecountAsync(batch.BatchId, CancellationToken.None),
            owner.GetAsync(batch.BatchId, TimeSpan.Zero, CancellationToken.None),
            owner.ReconcileAsync(CancellationToken.None).ContinueWith(_ => (BatchView?)null),
        }));
        await Task.WhenAll(owners.Select(owner => owner.ReconcileAsync(CancellationToken.None)));

        results.OfType<BatchView>().ShouldAllBe(view => view.Status == Components.Statuses.BatchStatus.CompletedWithFailures);
        (await fixture.ScalarAsync<bool>($"SELECT completion_published_at IS NOT NULL FROM commandbus.batch WHERE batch_id = '{batch.BatchId}'"))
            .ShouldBeTrue("the completion was written with the batch's finish");
        // Everything any replica wrote to the outbox has reached the broker before the queue is counted.
        await Eventually.UntilAsync(() => fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.outbox_state"), n => n == 0);
        (await _rabbit.CountAsync(completions)).ShouldBe(1u);
    }
}
