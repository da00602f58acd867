using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task Should_recount_a_batch_at_most_once_a_second_however_often_it_is_polled()
    {
        var batch = await CreateBatchAsync(2);
        var owner = Service.Services.GetRequiredService<BatchOwner>();
        var before = owner.RecountCount;

        for (var i = 0; i < 5; i++)
        {
            await GetAsync($"/api/process-batches/{batch.BatchId}?refresh=true");
        }

        (owner.RecountCount - before).ShouldBe(1);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await GetAsync($"/api/process-batches/{batch.BatchId}?refresh=true");
        (owner.RecountCount - before).ShouldBe(2);
    }

    private async Task<BatchView> CreateBatchAsync(int count) =>
        (await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Polled batch", count, null, null, null, null), CancellationToken.None)).Batch;

    private async Task<JsonElement> GetAsync(string path) => await Service.Client.GetFromJsonAsync<JsonElement>(path);
}
