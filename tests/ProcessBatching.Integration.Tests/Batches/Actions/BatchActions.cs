using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches.Actions;

/// <summary>What the batch action specs share: the actions over HTTP, batch requests, and waits on a batch.</summary>
public static class BatchActions
{
    public static readonly string[] FinalStatuses = ["COMPLETED", "COMPLETED_WITH_FAILURES", "CANCELED"];

    /// <summary>Posts <c>/api/process-batches/{id}/{action}</c> (with a query, say) and answers the status and the JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ActAsync(
        this RunningService service, Guid batchId, string action, HttpContent? content = null) =>
        await ActAsync(service, $"/api/process-batches/{batchId}/{action}", content);

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ActAsync(
        this RunningService service, string path, HttpContent? content = null)
    {
        var response = await service.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>One process's request as the API takes it, with its behaviour (null: none).</summary>
    public static object Request(string account, object? behavior = null) => new
    {
        from_date = "2026-03-01",
        to_date = "2026-03-31",
        account_list = new[] { account },
        output_type = "pdf",
        behavior = behavior ?? new { },
    };

    /// <summary>The batch as stored (no recount), for specs that must not recount it by reading it.</summary>
    public static async Task<JsonElement> StoredBatchAsync(this RunningService service, Guid batchId) =>
        await service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{batchId}");

    public static Task<JsonElement> FinalBatchAsync(this RunningService service, Guid batchId) =>
        service.BatchAsync(batchId, batch => FinalStatuses.Contains(batch.GetProperty("status").GetString()));

    /// <summary>Completed and failed make up the total of a finished batch, whatever its final status.</summary>
    public static void ShouldAddUp(this JsonElement batch)
    {
        var (total, completed, failed) = (batch.GetProperty("total_count").GetInt32(), batch.GetProperty("completed_count").GetInt32(), batch.GetProperty("failed_count").GetInt32());
        (completed + failed).ShouldBe(total, $"completed {completed} + failed {failed} = total {total}");
        batch.GetProperty("in_progress_count").GetInt32().ShouldBe(0);
        batch.GetProperty("blocked_count").GetInt32().ShouldBe(0);
    }

    /// <summary>
    /// Runs, now, both paths that could announce a batch's completion (the reconciler and a recount),
    /// then waits until the outbox has delivered, so a second announcement would have been published by then.
    /// </summary>
    public static async Task GiveEveryPublisherItsChanceAsync(this RunningService service, IntegrationFixture fixture, Guid batchId)
    {
        var owner = service.Services.GetRequiredService<BatchOwner>();
        await owner.ReconcileAsync(CancellationToken.None);
        await owner.RecountAsync(batchId, CancellationToken.None);
        await fixture.OutboxDeliveredAsync();
    }

    public static IEnumerable<string> Actions(this JsonElement batch) =>
        batch.GetProperty("operator_actions").EnumerateArray().Select(action => action.GetProperty("action").GetString()!);
}
