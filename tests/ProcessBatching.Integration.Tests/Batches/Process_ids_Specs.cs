using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

/// <summary>
/// V017: a batch names its processes in the order of their index (<see cref="ProcessIds.InBatchOrder"/>);
/// one created before keeps its name-based ids, and its dispatch row says so.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_is_dispatched_by_the_ids_its_creator_gave(IntegrationFixture fixture) : IAsyncLifetime
{
    private const int Count = 30;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_list_a_new_batchs_processes_in_the_order_they_were_given()
    {
        await using var service = await RunningService.StartAsync(fixture, fixture.ServiceConfiguration(roles: "api"));
        var batchId = await service.CreateBatchAsync(new { count = Count });

        var listed = await service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{batchId}/processes?page_size={Count}");

        listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("process_id").GetGuid())
            .ShouldBe(Enumerable.Range(0, Count).Select(index => ProcessIds.InBatchOrder(batchId, index)));
        (await fixture.ScalarAsync<bool>($"SELECT ids_in_batch_order FROM commandbus.batch_dispatch WHERE batch_id = '{batchId}'")).ShouldBeTrue();
    }

    [Fact]
    public async Task Should_dispatch_a_batch_created_before_by_its_name_based_ids()
    {
        Guid batchId;
        await using (var before = await RunningService.StartAsync(fixture, fixture.ServiceConfiguration(roles: "api")))
        {
            batchId = await before.CreateBatchAsync(new { count = Count });
        }

        // The batch as the previous version wrote it: name-based ids, and a dispatch row of the default.
        var renames = string.Join(", ", Enumerable.Range(0, Count).Select(index =>
            $"('{ProcessIds.InBatchOrder(batchId, index)}'::uuid, '{ProcessIds.For(batchId, index)}'::uuid)"));
        await fixture.ExecuteAsync(
            $"""
            UPDATE commandbus.process p SET process_id = r.named FROM (VALUES {renames}) r(ordered, named) WHERE p.process_id = r.ordered;
            UPDATE commandbus.batch_dispatch SET ids_in_batch_order = DEFAULT WHERE batch_id = '{batchId}';
            """);

        await using var service = await RunningService.StartAsync(fixture);
        var batch = await service.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(Count);
        var completed = await fixture.QueryAsync(
            $"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'COMPLETED'", reader => reader.GetGuid(0));
        completed.ShouldBe(Enumerable.Range(0, Count).Select(index => ProcessIds.For(batchId, index)), ignoreOrder: true);
    }
}
