using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Endpoints;

public sealed class When_an_operator_acts_through_the_api(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec sets process statuses itself, and no saga takes what the API sends, so
    // whatever an action sent stays in the process queue for the spec to see.
    protected override string? Roles => "api";

    [Theory]
    [InlineData("retry", "WAITING_FOR_REPLY")]
    [InlineData("complete", "WAITING_FOR_REPLY")]
    [InlineData("cancel", "WAITING_FOR_REPLY")]
    [InlineData("complete", "COMPLETED")]
    [InlineData("cancel", "PENDING")]
    public async Task Should_answer_409_and_send_nothing_for_a_process_not_in_the_troubleshooting_queue(string action, string status)
    {
        var processId = await CreateProcessAsync(status);

        var response = await Service.Client.PostAsync($"/api/processes/{processId}/{action}", null);

        // README: 202, or 409 problem details when it is not waiting there.
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        await ShouldHaveSentNothingAsync();
        (await Fixture.ScalarAsync<string>($"SELECT status FROM commandbus.process WHERE process_id = '{processId}'")).ShouldBe(status);
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("complete")]
    [InlineData("cancel")]
    public async Task Should_accept_an_action_on_a_process_in_the_troubleshooting_queue(string action)
    {
        var processId = await CreateProcessAsync("WAITING_FOR_TSQ");

        var response = await Service.Client.PostAsync($"/api/processes/{processId}/{action}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        // The action reaches the process's queue (through the outbox), where a saga would take it.
        await Eventually.UntilAsync(() => Service.Rabbit.CountAsync("statement-report-state"), n => n == 1, waitingFor: "the action in the process queue");
    }

    [Fact]
    public async Task Should_accept_each_of_many_actions_asked_for_at_once()
    {
        // Once answered 500 under load: each action read the process through a pooled connection and
        // closed that reader a second time after the connection had gone to another request.
        const int processes = 64;
        var processIds = await Service.CreateProcessesAsync(processes);
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            foreach (var processId in processIds)
            {
                await db.SetStatusAsync(processId, "WAITING_FOR_TSQ", "StatementQuery");
            }
        }

        var answers = await Task.WhenAll(processIds.Select(processId => Service.Client.PostAsync($"/api/processes/{processId}/cancel", null)));

        answers.Select(answer => answer.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Accepted);
        await Eventually.UntilAsync(() => Service.Rabbit.CountAsync("statement-report-state"), n => n == processes, waitingFor: "every action in the process queue");
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("complete")]
    [InlineData("cancel")]
    [InlineData("redrive")]
    public async Task Should_answer_404_for_an_unknown_process_and_400_for_a_malformed_id(string action)
    {
        var unknown = await Service.Client.PostAsync($"/api/processes/{Guid.NewGuid()}/{action}", null);
        var malformed = await Service.Client.PostAsync($"/api/processes/not-a-process/{action}", null);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["process_id"]);
        await ShouldHaveSentNothingAsync();
    }

    /// <summary>
    /// Nothing is waiting in the outbox and nothing reached the process queue. The outbox row goes only
    /// after the broker confirmed the message, and no consumer takes from that queue here, so a message
    /// sent at any time before is found in one place or the other.
    /// </summary>
    private async Task ShouldHaveSentNothingAsync()
    {
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.outbox_message")).ShouldBe(0, "nothing waits in the outbox");
        (await Service.Rabbit.CountAsync("statement-report-state")).ShouldBe(0u, "nothing reached the process queue");
    }

    private async Task<Guid> CreateProcessAsync(string status)
    {
        var processId = (await Service.CreateProcessesAsync(1))[0];
        await using var db = await Fixture.OpenConnectionAsync();
        await db.SetStatusAsync(processId, status, "StatementQuery");
        return processId;
    }
}

public sealed class When_a_list_is_asked_for_with_bad_parameters(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override string? Roles => "api";

    [Theory]
    [InlineData("/api/process-batches?status=DONE", "status")]
    [InlineData("/api/process-batches?status=completed", "status")]
    [InlineData("/api/process-batches?page_size=0", "page_size")]
    [InlineData("/api/process-batches?page_size=501", "page_size")]
    [InlineData("/api/process-batches/{batch}/processes?status=STUCK", "status")]
    [InlineData("/api/process-batches/{batch}/processes?page_size=0", "page_size")]
    [InlineData("/api/process-batches/{batch}/processes?page_size=501", "page_size")]
    public async Task Should_answer_400_naming_the_bad_parameter(string path, string parameter)
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });

        var response = await Service.Client.GetAsync(path.Replace("{batch}", batchId.ToString()));

        // README: lists take page (from 1) and page_size (1–500); bad input gets 400 problem details naming each bad field.
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe([parameter]);
    }

    [Theory]
    [InlineData("/api/process-batches?status=COMPLETED_WITH_FAILURES&page_size=500")]
    [InlineData("/api/process-batches/{batch}/processes?status=WAITING_FOR_TSQ&page_size=1")]
    public async Task Should_accept_a_status_of_the_stories_and_a_page_size_in_range(string path)
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });

        var response = await Service.Client.GetAsync(path.Replace("{batch}", batchId.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
