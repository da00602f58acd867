using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Endpoints;

/// <summary>
/// README: <c>GET /api/processes?status=WAITING_FOR_TSQ</c> lists the troubleshooting queue across
/// batches, by batch, step, error code and process, filtered by <c>batch_id</c>, <c>step</c> and
/// <c>error_code</c>, paged like every list.
/// </summary>
public sealed class When_the_troubleshooting_queue_is_listed_across_batches(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec sets process statuses itself, so no saga may move them.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_list_the_waiting_processes_of_every_batch_filtered_and_paged()
    {
        var (first, second) = (await ProcessesAsync(3), await ProcessesAsync(2));
        await using var db = await Fixture.OpenConnectionAsync();
        await db.SetStatusAsync(first[0], "WAITING_FOR_TSQ", "StatementQuery", "TIMEOUT", "No reply after 3 sends");
        await db.SetStatusAsync(first[1], "WAITING_FOR_TSQ", "StatementRender", "PermanentStepException", "Renderer crashed");
        await db.SetStatusAsync(first[2], "COMPLETED", "StatementRender");
        await db.SetStatusAsync(second[0], "WAITING_FOR_TSQ", "StatementRender", "PermanentStepException", "Renderer crashed");
        await db.SetStatusAsync(second[1], "FAILED", "StatementRender", "PermanentStepException", "Compensation failed");
        // Ordered by batch, then step, then error code (PostgreSQL orders uuids as their text).
        (Guid Batch, string Step, Guid Id)[] expected =
            [(first.BatchId, "StatementQuery", first[0]), (first.BatchId, "StatementRender", first[1]), (second.BatchId, "StatementRender", second[0])];
        var waiting = expected.OrderBy(p => p.Batch.ToString(), StringComparer.Ordinal).ThenBy(p => p.Step, StringComparer.Ordinal)
            .Select(p => p.Id).ToList();

        (await IdsAsync("")).ShouldBe(waiting);
        (await IdsAsync($"&batch_id={first.BatchId}")).ShouldBe([first[0], first[1]]);
        (await IdsAsync("&step=StatementRender")).ShouldBe(waiting.Where(id => id != first[0]));
        (await IdsAsync("&error_code=TIMEOUT")).ShouldBe([first[0]]);
        (await IdsAsync($"&batch_id={second.BatchId}&step=StatementQuery")).ShouldBeEmpty();

        var secondPage = await Service.Client.GetFromJsonAsync<JsonElement>("/api/processes?status=WAITING_FOR_TSQ&page=2&page_size=2");
        secondPage.GetProperty("total_count").GetInt64().ShouldBe(3);
        secondPage.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("process_id").GetGuid()).ShouldBe([waiting[2]]);
    }

    [Theory]
    [InlineData("", "status")]
    [InlineData("?status=FAILED", "status")]
    [InlineData("?status=WAITING_FOR_TSQ&batch_id=not-a-batch", "batch_id")]
    [InlineData("?status=WAITING_FOR_TSQ&page_size=501", "page_size")]
    public async Task Should_answer_400_naming_the_bad_parameter(string query, string field)
    {
        var response = await Service.Client.GetAsync($"/api/processes{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
    }

    private async Task<List<Guid>> IdsAsync(string filter)
    {
        var page = await Service.Client.GetFromJsonAsync<JsonElement>($"/api/processes?status=WAITING_FOR_TSQ{filter}");
        return page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("process_id").GetGuid()).ToList();
    }

    private async Task<Batch> ProcessesAsync(int count)
    {
        var service = Service.Services.GetRequiredService<ProcessBatchService>();
        var (batch, _) = await service.CreateAsync(new StartProcessBatch(null, null, count, null, null, null, null), CancellationToken.None);
        return new Batch(batch.BatchId, (await service.FirstProcessesAsync(batch, count, CancellationToken.None)).Select(p => p.ProcessId).ToList());
    }

    private sealed record Batch(Guid BatchId, List<Guid> Processes)
    {
        public Guid this[int index] => Processes[index];
    }
}
