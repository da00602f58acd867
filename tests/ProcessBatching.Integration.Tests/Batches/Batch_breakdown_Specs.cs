using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

/// <summary>
/// README: <c>GET /api/process-batches/{id}/breakdown</c> counts a batch's processes by current step and
/// status, and by error code; the troubleshooting queue is listed across batches by
/// <c>GET /api/processes?status=WAITING_FOR_TSQ</c>, filtered by batch, step and error code.
/// </summary>
public sealed class When_a_batch_with_processes_blocked_at_two_steps_is_broken_down(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    private static readonly object None = new { };

    [Fact]
    public async Task Should_count_them_exactly_by_step_and_status_and_by_error_code()
    {
        // README: a transient failure is retried in process (100, 250, 500 ms), then the command lands
        // in the troubleshooting queue; a permanent failure lands there at once.
        var batchId = await Service.CreateBatchAsync(new
        {
            name = "Hurts at two steps",
            requests = new[]
            {
                Request(query: new { fail_transient_pct = 100 }),
                Request(query: new { fail_transient_pct = 100 }),
                Request(render: new { fail_permanent_pct = 100 }),
                Request(render: new { fail_permanent_pct = 100 }),
                Request(render: new { fail_permanent_pct = 100 }),
                Request(),
            },
        });
        await Service.BatchAsync(batchId, batch => batch.GetProperty("blocked_count").GetInt32() == 5 && batch.GetProperty("completed_count").GetInt32() == 1);

        var breakdown = await Service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{batchId}/breakdown");

        breakdown.GetProperty("batch_id").GetGuid().ShouldBe(batchId);
        breakdown.GetProperty("total_count").GetInt32().ShouldBe(6);
        breakdown.GetProperty("by_step").EnumerateArray()
            .Select(count => (Step: Text(count, "step"), Status: Text(count, "status"), Count: count.GetProperty("count").GetInt32()))
            .ShouldBe(
            [
                (null, "COMPLETED", 1),
                ("StatementQuery", "WAITING_FOR_TSQ", 2),
                ("StatementRender", "WAITING_FOR_TSQ", 3),
            ]);
        breakdown.GetProperty("by_error_code").EnumerateArray()
            .Select(count => (Code: Text(count, "error_code"), Step: Text(count, "step"), Count: count.GetProperty("count").GetInt32()))
            .ShouldBe(
            [
                ("PermanentStepException", "StatementRender", 3),
                ("TransientStepException", "StatementQuery", 2),
            ]);

        (await WaitingAsync($"batch_id={batchId}")).Count.ShouldBe(5);
        (await WaitingAsync($"batch_id={batchId}&step=StatementQuery")).Select(p => p.GetProperty("error_code").GetString())
            .ShouldBe(["TransientStepException", "TransientStepException"]);
        (await WaitingAsync($"error_code=PermanentStepException")).Select(p => p.GetProperty("current_step").GetString())
            .ShouldBe(["StatementRender", "StatementRender", "StatementRender"]);
    }

    [Fact]
    public async Task Should_answer_404_for_a_batch_that_does_not_exist_and_400_for_a_malformed_id()
    {
        var unknown = Guid.NewGuid();

        var notFound = await Service.Client.GetAsync($"/api/process-batches/{unknown}/breakdown");
        var malformed = await Service.Client.GetAsync("/api/process-batches/not-a-batch/breakdown");
        var noThroughput = await Service.Client.GetAsync($"/api/process-batches/{unknown}/throughput");

        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notFound.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await notFound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe($"No process batch {unknown}.");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["batch_id"]);
        noThroughput.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<List<JsonElement>> WaitingAsync(string filter)
    {
        var page = await Service.Client.GetFromJsonAsync<JsonElement>($"/api/processes?status=WAITING_FOR_TSQ&{filter}");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        page.GetProperty("total_count").GetInt64().ShouldBe(items.Count, $"one page holds every waiting process of {filter}");
        items.ShouldAllBe(item => item.GetProperty("status").GetString() == "WAITING_FOR_TSQ");
        return items;
    }

    private static string? Text(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetString();

    private static object Request(object? query = null, object? render = null) => new
    {
        from_date = "2026-03-01",
        to_date = "2026-03-31",
        account_list = new[] { "ACC-0000001" },
        output_type = "pdf",
        behavior = new { query = query ?? None, aggregation = None, render = render ?? None },
    };
}

/// <summary>
/// README: the batch page's throughput comes from samples the batch owner writes when it recounts a
/// batch, so it survives a reload; processes/s over the last 60 s.
/// </summary>
public sealed class When_the_batch_owner_recounts_a_running_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec finishes processes by SQL, and recounts with an owner on its own clock.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_keep_a_sample_each_time_the_finished_count_grew_and_none_when_it_did_not()
    {
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Paced", 10, null, null, null, null), CancellationToken.None);
        var processes = await Service.Services.GetRequiredService<ProcessBatchService>().FirstProcessesAsync(batch, 10, CancellationToken.None);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var owner = ActivatorUtilities.CreateInstance<BatchOwner>(Service.Services, clock);
        var throughputs = ActivatorUtilities.CreateInstance<BatchThroughputs>(Service.Services, owner, clock);
        await using var db = await Fixture.OpenConnectionAsync();

        foreach (var process in processes.Take(4))
        {
            await db.SetStatusAsync(process.ProcessId, "COMPLETED", "StatementRender");
        }

        await owner.RecountAsync(batch.BatchId, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        await owner.RecountAsync(batch.BatchId, CancellationToken.None);
        foreach (var process in processes.Skip(4).Take(3))
        {
            await db.SetStatusAsync(process.ProcessId, "FAILED", "StatementQuery", "BUSINESS_RULE_VIOLATION", "No such account");
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        await owner.RecountAsync(batch.BatchId, CancellationToken.None);

        var samples = await Fixture.QueryAsync(
            $"SELECT sampled_at, finished FROM commandbus.batch_throughput WHERE batch_id = '{batch.BatchId}' ORDER BY sampled_at",
            reader => (At: reader.GetFieldValue<DateTimeOffset>(0), Finished: reader.GetInt32(1)));
        samples.Select(sample => sample.Finished).ShouldBe([4, 7], "the quiet recount in between wrote nothing");
        (samples[1].At - samples[0].At).ShouldBe(TimeSpan.FromSeconds(60));

        // A new reader (a reload, another replica) reads the same pace from the samples.
        var reader = ActivatorUtilities.CreateInstance<BatchPageReader>(Service.Services,
            ActivatorUtilities.CreateInstance<BatchThroughputs>(Service.Services, owner, clock));
        var pace = (await reader.ReadAsync(batch.BatchId, BatchPageParts.Pace, null, CancellationToken.None))!.Pace!;
        pace.Unit.ShouldBe("processes/s");
        pace.FinishedCount.ShouldBe(7);
        pace.RemainingCount.ShouldBe(3);
        // 3 finished in the last 60 s, all in its last 30 (the count did not grow before): at most 3/60 a second.
        pace.ProcessesPerSecond!.Value.ShouldBe(3 / 60.0, 0.01);
        (await throughputs.FreshAsync(batch.BatchId, CancellationToken.None))!.ProcessesPerSecond.ShouldBe(pace.ProcessesPerSecond);
    }
}
