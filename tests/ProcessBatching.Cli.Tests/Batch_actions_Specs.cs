using System.Net;
using System.Text.Json;
using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_pb_acts_on_a_batch
{
    private readonly FakeService _service = new();

    [Fact]
    public async Task Should_retry_the_blocked_processes_of_one_step_and_error_code()
    {
        _service.OnPost($"/api/process-batches/{SampleBatch.Id}/retry-blocked", new Answer(HttpStatusCode.Accepted, """{"retried":16}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "retry-blocked", SampleBatch.Id, "--step", "StatementQuery", "--error-code", "TIMEOUT"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var sent = _service.Requests.ShouldHaveSingleItem();
        // README: the filters are the query parameters step and error_code.
        sent.Route.ShouldBe($"POST /api/process-batches/{SampleBatch.Id}/retry-blocked?step=StatementQuery&error_code=TIMEOUT");
        sent.Body.ShouldBe("{}");
        run.Lines.ShouldBe([$"Batch {SampleBatch.Id}: retry of the blocked processes accepted (retried: 16)."]);
    }

    [Fact]
    public async Task Should_retry_every_blocked_process_without_filters()
    {
        _service.OnPost($"/api/process-batches/{SampleBatch.Id}/retry-blocked", new Answer(HttpStatusCode.Accepted, """{"message":"Retrying 16 processes."}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "retry-blocked", SampleBatch.Id]);

        run.ExitCode.ShouldBe(0, run.ToString());
        _service.Requests.ShouldHaveSingleItem().Body.ShouldBe("{}");
        run.Lines.ShouldBe(["Retrying 16 processes."]);
    }

    [Theory]
    [InlineData("cancel", "cancel accepted")]
    [InlineData("pause", "pause accepted")]
    [InlineData("resume", "resume accepted")]
    public async Task Should_post_the_action_to_the_batch(string action, string said)
    {
        _service.OnPost($"/api/process-batches/{SampleBatch.Id}/{action}", new Answer(HttpStatusCode.Accepted, ""));

        var run = await PbRun.RunAsync(_service, ["batch", action, SampleBatch.Id]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var sent = _service.Requests.ShouldHaveSingleItem();
        sent.Route.ShouldBe($"POST /api/process-batches/{SampleBatch.Id}/{action}");
        sent.Body.ShouldBe("{}");
        run.Lines.ShouldBe([$"Batch {SampleBatch.Id}: {said}."]);
    }

    [Fact]
    public async Task Should_print_the_actions_answer_as_json_with_json()
    {
        _service.OnPost($"/api/process-batches/{SampleBatch.Id}/cancel", new Answer(HttpStatusCode.Accepted, """{"batch_id":"x","canceled_count":4}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "cancel", SampleBatch.Id, "--json"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        JsonDocument.Parse(run.Lines.ShouldHaveSingleItem()).RootElement.GetProperty("canceled_count").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Should_rerun_the_failed_processes_as_a_new_batch_and_name_it()
    {
        const string rerun = "0193a1b2-0000-7000-8000-0000000000ff";
        _service.OnPost($"/api/process-batches/{SampleBatch.Id}/rerun-failed", new Answer(HttpStatusCode.Created,
            $$"""{"batch_id":"{{rerun}}","parent_batch_id":"{{SampleBatch.Id}}","batch_status":"PENDING","total_count":16,"completed_count":0,"processes":[]}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "rerun-failed", SampleBatch.Id]);

        run.ExitCode.ShouldBe(0, run.ToString());
        _service.Requests.ShouldHaveSingleItem().Route.ShouldBe($"POST /api/process-batches/{SampleBatch.Id}/rerun-failed");
        run.Lines.ShouldBe([$"Batch {rerun} created from the failed and canceled processes of batch {SampleBatch.Id}: 16 processes."]);
    }

    [Fact]
    public async Task Should_say_why_an_action_was_refused_and_exit_1()
    {
        _service.OnPost($"/api/process-batches/{SampleBatch.Id}/cancel", Answer.Problem(HttpStatusCode.Conflict,
            $$"""{"title":"Conflict","status":409,"detail":"Batch {{SampleBatch.Id}} has ended; there is nothing to cancel."}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "cancel", SampleBatch.Id]);

        run.ExitCode.ShouldBe(1);
        run.Out.ShouldBeEmpty();
        run.Error.Trim().ShouldBe($"pb: POST /api/process-batches/{SampleBatch.Id}/cancel answered 409 Conflict: Batch {SampleBatch.Id} has ended; there is nothing to cancel.");
    }
}
