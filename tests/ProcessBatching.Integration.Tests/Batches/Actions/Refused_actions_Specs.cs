using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches.Actions;

public sealed class When_a_batch_action_does_not_apply(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec moves process rows itself, and nothing takes what an action sends.
    protected override string? Roles => "api";

    public static TheoryData<string> Actions => ["retry-blocked", "cancel", "pause", "resume", "rerun-failed"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Should_answer_404_for_an_unknown_batch_and_400_for_a_malformed_id(string action)
    {
        var unknown = await Service.ActAsync(Guid.NewGuid(), action);
        var malformed = await Service.ActAsync($"/api/process-batches/not-a-batch/{action}");
        var commandBatch = await Service.Client.PostAsJsonAsync("/api/batches", new { count = 1, step = "query" });
        var commandBatchId = (await commandBatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();

        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        malformed.Status.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["batch_id"]);
        (await Service.ActAsync(commandBatchId, action)).Status.ShouldBe(HttpStatusCode.NotFound, "a command batch is no process batch");
    }

    [Theory]
    [InlineData("retry-blocked?step=StatementSomething", "step")]
    [InlineData("retry-blocked?error_code=", "error_code")]
    public async Task Should_answer_400_naming_a_bad_filter(string action, string field)
    {
        var batchId = await CreateBatchAsync(1);

        var (status, body, _) = await Service.ActAsync(batchId, action);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
    }

    [Theory]
    [InlineData("retry-blocked")]
    [InlineData("cancel")]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task Should_answer_409_for_a_finished_batch_and_leave_it_as_it_is(string action)
    {
        var batchId = await CreateBatchAsync(2);
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batchId);
        }

        await Service.FinishedBatchAsync(batchId);

        var (status, body, response) = await Service.ActAsync(batchId, action);

        status.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.GetProperty("detail").GetString()!.ShouldContain("is finished (COMPLETED)");
        var stored = await Service.StoredBatchAsync(batchId);
        stored.GetProperty("status").GetString().ShouldBe("COMPLETED");
        stored.GetProperty("operator_actions").GetArrayLength().ShouldBe(0, "a refused action is not in the batch's trail");
    }

    [Fact]
    public async Task Should_answer_409_for_what_the_batch_state_rules_out()
    {
        var batchId = await CreateBatchAsync(2);

        (await Service.ActAsync(batchId, "resume")).Status.ShouldBe(HttpStatusCode.Conflict, "not paused");
        (await Service.ActAsync(batchId, "rerun-failed")).Status.ShouldBe(HttpStatusCode.Conflict, "still open");
        (await Service.ActAsync(batchId, "pause")).Status.ShouldBe(HttpStatusCode.OK);
        (await Service.ActAsync(batchId, "cancel")).Status.ShouldBe(HttpStatusCode.Accepted, "a paused batch can be canceled");
        var canceling = await Service.StoredBatchAsync(batchId);
        canceling.GetProperty("paused").GetBoolean().ShouldBeFalse("a cancel ends the pause");
        canceling.GetProperty("canceling").GetBoolean().ShouldBeTrue();

        var again = await Service.ActAsync(batchId, "cancel");
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Body.GetProperty("detail").GetString()!.ShouldContain("being canceled already");
        (await Service.ActAsync(batchId, "pause")).Status.ShouldBe(HttpStatusCode.Conflict, "being canceled");
        (await Service.ActAsync(batchId, "retry-blocked")).Status.ShouldBe(HttpStatusCode.Conflict, "being canceled");
        (await Service.StoredBatchAsync(batchId)).Actions().ShouldBe(["PAUSE", "CANCEL"]);
        (await Service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{batchId}")).GetProperty("operator_actions")[1]
            .GetProperty("requested_at").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Should_describe_every_action_in_the_openapi_document()
    {
        var paths = (await Service.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var action in new[] { "retry-blocked", "cancel", "pause", "resume", "rerun-failed" })
        {
            paths.GetProperty($"/api/process-batches/{{batchId}}/{action}").TryGetProperty("post", out _).ShouldBeTrue(action);
        }
    }

    private async Task<Guid> CreateBatchAsync(int count)
    {
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Refusals", count, null, null, null, null), CancellationToken.None);
        return batch.BatchId;
    }
}
