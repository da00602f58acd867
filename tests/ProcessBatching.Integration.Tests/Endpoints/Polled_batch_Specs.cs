using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Endpoints;

public sealed class When_a_page_polls_a_process_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec writes process rows itself, so no dispatcher or saga may move them.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_see_fresh_counts_when_asking_for_a_refresh()
    {
        var batch = await CreateBatchAsync(3);
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batch.BatchId);
        }

        var stale = await GetAsync($"/api/process-batches/{batch.BatchId}");
        var fresh = await GetAsync($"/api/process-batches/{batch.BatchId}?refresh=true");

        stale.GetProperty("status").GetString().ShouldBe("PENDING");
        fresh.GetProperty("status").GetString().ShouldBe("COMPLETED");
        fresh.GetProperty("completed_count").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Should_show_the_page_the_batch_as_last_counted_at_once_and_recount_it_for_the_next_look()
    {
        var batch = await CreateBatchAsync(3);
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batch.BatchId);
        }

        var owner = Service.Services.GetRequiredService<BatchOwner>();
        var before = owner.RecountCount;
        var first = await GetAsync($"/process-batches/{batch.BatchId}?handler=Batch");

        // README: the page's JSON holds the batch as last counted and never waits for a count; it asks
        // for a recount, so a later look sees the processes that finished.
        first.GetProperty("status").GetString().ShouldBe("PENDING", "nothing counted the batch since it was written");
        first.GetProperty("completed_count").GetInt32().ShouldBe(0);
        var later = await Eventually.UntilAsync(
            () => GetAsync($"/process-batches/{batch.BatchId}?handler=Batch"),
            look => look.GetProperty("status").GetString() == "COMPLETED",
            TimeSpan.FromSeconds(30),
            "the recount the first look asked for");
        later.GetProperty("completed_count").GetInt32().ShouldBe(3);
        (owner.RecountCount - before).ShouldBeGreaterThanOrEqualTo(1, "nothing but the page asked for one");
    }

    [Fact]
    public async Task Should_recount_at_most_once_a_second_through_the_api()
    {
        var batch = await CreateBatchAsync(2);
        var owner = Service.Services.GetRequiredService<BatchOwner>();
        var before = owner.RecountCount;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GetAsync($"/api/process-batches/{batch.BatchId}?refresh=true")));

        // Nothing but the API runs here, so every recount is a poll's. README: at most once a second
        // per batch, so polls spread over t seconds (a loaded machine stretches them) recount at most
        // 1 + floor(t) times.
        var recounts = owner.RecountCount - before;
        recounts.ShouldBeInRange(1, 1 + (long)Math.Floor(clock.Elapsed.TotalSeconds), $"10 polls in {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public async Task Should_recount_each_batch_at_most_once_a_second_however_often_it_is_polled()
    {
        var (first, second) = (await CreateBatchAsync(2), await CreateBatchAsync(2));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var owner = ActivatorUtilities.CreateInstance<BatchOwner>(Service.Services, clock);
        async Task<long> RecountsAsync(BatchView batch, int times)
        {
            var before = owner.RecountCount;
            for (var i = 0; i < times; i++)
            {
                await owner.GetAsync(batch.BatchId, BatchOwner.ReaderFreshness, CancellationToken.None);
            }

            return owner.RecountCount - before;
        }

        // README: the batch page's refresh recounts an open batch at most once a second per batch.
        (await RecountsAsync(first, 5)).ShouldBe(1, "five polls at once recount the batch once");
        (await RecountsAsync(second, 5)).ShouldBe(1, "another batch is not held back by the first one's recount");
        clock.Advance(TimeSpan.FromMilliseconds(999));
        (await RecountsAsync(first, 5)).ShouldBe(0, "within the second");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await RecountsAsync(first, 5)).ShouldBe(1, "a second after the last recount, the next poll recounts");
        (await RecountsAsync(second, 1)).ShouldBe(1, "so does the other batch's");
    }

    private async Task<BatchView> CreateBatchAsync(int count) =>
        (await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Polled batch", count, null, null, null, null), CancellationToken.None)).Batch;

    private async Task<JsonElement> GetAsync(string path) => await Service.Client.GetFromJsonAsync<JsonElement>(path);
}
