using System.Text.Json;
using System.Text.RegularExpressions;
using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_pb_watches_a_batch
{
    private const string Ended = "2026-03-31T10:00:10+00:00";

    private readonly FakeService _service = new();

    private Task<PbRun> WatchAsync(params string[] options) => PbRun.RunAsync(_service, ["batch", "watch", SampleBatch.Id, .. options]);

    [Fact]
    public async Task Should_poll_the_batch_with_fresh_counts_and_exit_0_when_it_completes()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("PENDING", 100, 0, 0, 0)),
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 100, 50, 0, 0)),
            Answer.Ok(SampleBatch.Json("COMPLETED", 100, 100, 0, 0, Ended)));

        var run = await WatchAsync();

        run.ExitCode.ShouldBe(0, run.ToString());
        _service.Requests.Count.ShouldBe(3);
        _service.Requests.ShouldAllBe(sent => sent.Route == $"GET /api/process-batches/{SampleBatch.Id}?refresh=true");
        run.Lines.Length.ShouldBe(4, run.ToString());
        run.Lines[0].ShouldEndWith("PENDING 0/100 done: 0 completed, 0 failed, 0 blocked; - processes/s; time left unknown");
        run.Lines[1].ShouldContain("IN_PROGRESS 50/100 done: 50 completed, 0 failed, 0 blocked; ");
        run.Lines[1].ShouldMatch(@"; \d+\.\d processes/s; about \d+ s left$");
        run.Lines[^1].ShouldBe($"Batch {SampleBatch.Id} COMPLETED: 100 completed, 0 failed, 0 blocked in 10.0 s (10.0 processes/s)");
    }

    [Fact]
    public async Task Should_say_while_the_batch_is_paused()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 100, 50, 0, 0, paused: true)),
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 100, 60, 0, 0)),
            Answer.Ok(SampleBatch.Json("COMPLETED", 100, 100, 0, 0, Ended)));

        var run = await WatchAsync();

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines[0].ShouldContain("IN_PROGRESS (paused) 50/100 done: ");
        run.Lines[1].ShouldContain("IN_PROGRESS 60/100 done: ", Case.Sensitive, "resumed: no longer paused");
    }

    [Fact]
    public async Task Should_draw_a_progress_bar_on_a_terminal_and_end_with_the_same_final_line()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 100, 40, 2, 3)),
            Answer.Ok(SampleBatch.Json("COMPLETED_WITH_FAILURES", 100, 90, 10, 0, Ended)));

        var run = await PbRun.RunAsync(_service, ["batch", "watch", SampleBatch.Id], interactive: true);

        run.ExitCode.ShouldBe(3, run.ToString());
        var drawn = Regex.Replace(run.Out, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        drawn.ShouldContain("IN_PROGRESS: 42 of 100 done (42%)");
        drawn.ShouldContain("█", Case.Sensitive, "a bar is drawn");
        drawn.ShouldContain("blocked 3");
        drawn.ShouldContain("to run 55");
        drawn.ShouldContain("- processes/s; time left unknown");
        drawn.ShouldContain("COMPLETED_WITH_FAILURES: 100 of 100 done (100%)");
        drawn.TrimEnd().Split('\n')[^1].ShouldBe(
            $"Batch {SampleBatch.Id} COMPLETED_WITH_FAILURES: 90 completed, 10 failed, 0 blocked in 10.0 s (10.0 processes/s)");
    }

    [Theory]
    [InlineData("COMPLETED_WITH_FAILURES")]
    [InlineData("CANCELED")]
    public async Task Should_exit_3_when_the_batch_ends_with_failures_or_cancelled(string status)
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}", Answer.Ok(SampleBatch.Json(status, 10, 7, 3, 0, Ended)));

        var run = await WatchAsync();

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Lines[^1].ShouldBe($"Batch {SampleBatch.Id} {status}: 7 completed, 3 failed, 0 blocked in 10.0 s (1.0 processes/s)");
    }

    [Fact]
    public async Task Should_say_it_waits_on_blocked_processes_and_keep_watching()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 10, 8, 0, 2)),
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 10, 8, 0, 2)),
            Answer.Ok(SampleBatch.Json("COMPLETED_WITH_FAILURES", 10, 8, 2, 0, Ended)));

        var run = await WatchAsync();

        run.ExitCode.ShouldBe(3, run.ToString());
        _service.Requests.Count.ShouldBe(3, "a batch with blocked processes is open: the watch goes on");
        run.Lines[0].ShouldEndWith("IN_PROGRESS 8/10 done: 8 completed, 0 failed, 2 blocked; - processes/s; waiting on 2 blocked processes");
        run.Lines.Length.ShouldBe(3, "an unchanged poll prints no line: " + run);
    }

    [Fact]
    public async Task Should_print_only_the_final_batch_as_json_with_json()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 10, 5, 0, 0)),
            Answer.Ok(SampleBatch.Json("COMPLETED", 10, 10, 0, 0, Ended)));

        var run = await WatchAsync("--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var batch = JsonDocument.Parse(run.Lines.ShouldHaveSingleItem()).RootElement;
        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(10);
        batch.GetProperty("completed_at").GetString().ShouldBe(Ended);
    }

    [Fact]
    public async Task Should_end_a_batch_in_a_final_status_it_does_not_know_once_the_service_says_it_completed()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("STOPPED_BY_OPERATOR", 10, 4, 6, 0, Ended)));

        var run = await WatchAsync();

        run.ExitCode.ShouldBe(3, run.ToString());
        _service.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Should_exit_1_naming_the_batch_when_it_does_not_exist()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Problem(System.Net.HttpStatusCode.NotFound, $$"""{"title":"Not found","status":404,"detail":"No process batch {{SampleBatch.Id}}."}"""));

        var run = await WatchAsync();

        run.ExitCode.ShouldBe(1);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain($"answered 404 Not found: No process batch {SampleBatch.Id}.");
    }
}
