using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

/// <summary>
/// The progress consumer on its own: the test plays the processes, changing their rows and
/// publishing their status changes as the saga does.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_processes_of_a_batch_change_status(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceFactory _service = null!;
    private HttpClient _client = null!;
    private RabbitProbe _rabbit = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        // Batches only: the test plays the processes itself, so no saga may move them meanwhile.
        _service = new ServiceFactory(fixture.ServiceConfiguration(roles: "batches"));
        _client = await _service.StartReadyAsync();
        _rabbit = await RabbitProbe.ConnectAsync(fixture);
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        _client.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Should_complete_the_batch_and_announce_it_exactly_once()
    {
        var completions = await _rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var batchId = await CreateBatchAsync(50);
        var processIds = await fixture.QueryAsync($"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}'", r => r.GetGuid(0));
        await fixture.ExecuteAsync($"UPDATE commandbus.process SET status = CASE WHEN process_id = '{processIds[0]}' THEN 'CANCELED' ELSE 'COMPLETED' END WHERE batch_id = '{batchId}'");

        // Every event twice, as redeliveries would: the batch must still be announced once.
        await PublishChangesAsync(batchId, processIds.Concat(processIds));

        await Eventually.UntilAsync(() => BatchStatusAsync(batchId), s => s == "COMPLETED_WITH_FAILURES", waitingFor: "the batch to finish");
        await Eventually.UntilAsync(() => _rabbit.CountAsync(completions), n => n > 0, waitingFor: "the completion event");

        // Both paths that publish a completion run now, after it: a progress refresh and the reconciler
        // (every 10 s on its own). Each writes to the outbox, so a second event would be in the
        // probe queue once the outbox is empty.
        var owner = _service.Services.GetRequiredService<BatchOwner>();
        await owner.RecountAsync(batchId, CancellationToken.None);
        await owner.ReconcileAsync(CancellationToken.None);
        await fixture.OutboxDeliveredAsync();
        (await _rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem().GetProperty("batch_id").GetGuid().ShouldBe(batchId);
    }

    [Fact]
    public async Task Should_refresh_a_busy_batch_at_most_about_twice_a_second()
    {
        var owner = _service.Services.GetRequiredService<BatchOwner>();
        var batchId = await CreateBatchAsync(2_000);
        var processIds = await fixture.QueryAsync($"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}'", r => r.GetGuid(0));
        await QuietAsync(owner);
        var clock = Stopwatch.StartNew();
        var before = owner.RecountCount;

        // 2,000 processes, three status changes each, spread over about three seconds.
        foreach (var wave in processIds.Concat(processIds).Concat(processIds).Chunk(200))
        {
            await PublishChangesAsync(batchId, wave);
            await Task.Delay(100);
        }

        // The window is from the first wave until every wave was consumed, measured, not assumed: a loaded
        // machine stretches it. Recounts of one batch start at least 500 ms apart (README), so a window of
        // t seconds holds at most floor(2t) + 1 of them; one more for a timer's tick.
        await QuietAsync(owner);
        var calls = owner.RecountCount - before;
        var window = clock.Elapsed.TotalSeconds;
        calls.ShouldBeGreaterThan(0);
        calls.ShouldBeLessThanOrEqualTo((long)Math.Floor(2 * window) + 2, $"{calls} refreshes for 6,000 events in {window:F1} s");

        // And the batch still finishes on the next event once its processes have.
        await fixture.ExecuteAsync($"UPDATE commandbus.process SET status = 'COMPLETED' WHERE batch_id = '{batchId}'");
        await PublishChangesAsync(batchId, processIds.Take(1));
        (await Eventually.UntilAsync(() => BatchStatusAsync(batchId), s => s == "COMPLETED")).ShouldBe("COMPLETED");
    }

    [Fact]
    public async Task Should_take_every_event_while_a_recount_waits_for_the_batch()
    {
        var batchId = await CreateBatchAsync(50);
        var processIds = await fixture.QueryAsync($"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}'", r => r.GetGuid(0));

        // The batch row held, as an operator's action on the batch holds it: every recount of it waits, as
        // a slow recount of a very large batch keeps the next one waiting.
        await using var connection = await fixture.OpenConnectionAsync();
        await using var holder = await connection.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand($"SELECT 1 FROM commandbus.batch WHERE batch_id = '{batchId}' FOR UPDATE", connection, holder))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var held = await BatchStatusAsync(batchId);
        await fixture.ExecuteAsync($"UPDATE commandbus.process SET status = 'COMPLETED' WHERE batch_id = '{batchId}'");

        // Five times the consumer's prefetch: a consumer that waited for the recount would hold its
        // prefetch and leave the rest in the queue until the row is free.
        await PublishChangesAsync(batchId, Enumerable.Repeat(processIds, 20).SelectMany(ids => ids));
        await Eventually.UntilAsync(() => _rabbit.CountAsync("batch-progress"), n => n == 0, TimeSpan.FromSeconds(15),
            "every progress event taken while the batch row is held");
        (await BatchStatusAsync(batchId)).ShouldBe(held, "no recount can have run while the batch row is held");

        await holder.RollbackAsync();
        (await Eventually.UntilAsync(() => BatchStatusAsync(batchId), s => s == "COMPLETED", waitingFor: "the batch to finish once its row is free"))
            .ShouldBe("COMPLETED");
    }

    /// <summary>Returns once no recount started for two spacings: every event sent so far was consumed.</summary>
    private static async Task QuietAsync(BatchOwner owner)
    {
        for (var last = -1L; owner.RecountCount != last;)
        {
            last = owner.RecountCount;
            await Task.Delay(2 * BatchOwner.RecountSpacing);
        }
    }

    private async Task<Guid> CreateBatchAsync(int count)
    {
        var response = await _client.PostAsJsonAsync("/api/processes/batch", new { count });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();
    }

    private async Task PublishChangesAsync(Guid batchId, IEnumerable<Guid> processIds)
    {
        var bus = _service.Services.GetRequiredService<IBus>();
        await Task.WhenAll(processIds.Select(id => bus.Publish(new ProcessStatusChanged(
            id, batchId, "StatementReport", "PENDING", "COMPLETED", null, null, null, DateTimeOffset.UtcNow))));
    }

    private Task<string> BatchStatusAsync(Guid batchId) =>
        fixture.ScalarAsync<string>($"SELECT status FROM commandbus.batch WHERE batch_id = '{batchId}'");
}
