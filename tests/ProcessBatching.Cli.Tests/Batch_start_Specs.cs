using System.Net;
using System.Text.Json;
using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_pb_starts_a_batch : IDisposable
{
    private readonly FakeService _service = new FakeService().OnPost("/api/processes/batch", new Answer(HttpStatusCode.Created, SampleBatch.Created(100)));
    private readonly string _directory = Directory.CreateTempSubdirectory("pb-specs").FullName;

    [Fact]
    public async Task Should_post_the_count_name_dates_and_output_type_as_the_api_names_them()
    {
        var run = await PbRun.RunAsync(_service,
            ["batch", "start", "--count", "100", "--name", "March statements", "--from-date", "2026-03-01", "--to-date", "2026-03-31", "--output-type", "html"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var sent = _service.Requests.ShouldHaveSingleItem();
        sent.Route.ShouldBe("POST /api/processes/batch");
        sent.ContentType.ShouldBe("application/json");
        sent.Body.ShouldBe("""{"name":"March statements","count":100,"from_date":"2026-03-01","to_date":"2026-03-31","output_type":"html"}""");
        run.Lines.ShouldBe([$"Created 100 processes in batch {SampleBatch.Id}.", $"Watch it with: pb batch watch {SampleBatch.Id}"]);
    }

    [Fact]
    public async Task Should_send_the_behaviour_file_as_the_batch_behaviour()
    {
        var behavior = Path.Combine(_directory, "behavior.json");
        File.WriteAllText(behavior, """{"render": {"fail_transient_pct": 10, "min_duration_ms": 5, "max_duration_ms": 50}}""");

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--count", "3", "--behavior", behavior]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var body = JsonDocument.Parse(_service.Requests.ShouldHaveSingleItem().Body!).RootElement;
        body.GetProperty("count").GetInt32().ShouldBe(3);
        body.GetProperty("behavior").GetRawText().ShouldBe(
            """{"render":{"fail_permanent_pct":0,"fail_transient_pct":10,"fail_business_rule_pct":0,"timeout_pct":0,"min_duration_ms":5,"max_duration_ms":50}}""");
    }

    [Fact]
    public async Task Should_refuse_a_misspelt_behaviour_field_and_send_nothing()
    {
        var behavior = Path.Combine(_directory, "behavior.json");
        File.WriteAllText(behavior, """{"render": {"fail_transeint_pct": 10}}""");

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--count", "3", "--behavior", behavior]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("behavior.json is not a behaviour");
        run.Error.ShouldContain("fail_transeint_pct");
        _service.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(new[] { "batch", "start" }, "give --count N or --from-csv FILE.")]
    [InlineData(new[] { "batch", "start", "--count", "0" }, "--count must be 1 or more.")]
    [InlineData(new[] { "batch", "start", "--count", "many" }, "many")]
    [InlineData(new[] { "batch", "start", "--count", "1", "--colour", "red" }, "Unknown option 'colour'")]
    [InlineData(new[] { "batch", "watch", "not-a-batch" }, "not-a-batch")]
    public async Task Should_refuse_bad_arguments_with_exit_code_1_and_send_nothing(string[] args, string named)
    {
        var run = await PbRun.RunAsync(_service, args);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldStartWith("pb: ");
        run.Error.ShouldContain(named);
        _service.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Should_print_the_answer_as_one_json_object_with_json()
    {
        var run = await PbRun.RunAsync(_service, ["batch", "start", "--count", "100", "--json"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var answer = JsonDocument.Parse(run.Lines.ShouldHaveSingleItem()).RootElement;
        answer.GetProperty("batch_id").GetString().ShouldBe(SampleBatch.Id);
        answer.GetProperty("total_count").GetInt32().ShouldBe(100);
    }

    [Fact]
    public async Task Should_watch_the_new_batch_until_it_ends_with_wait()
    {
        _service.OnGet($"/api/process-batches/{SampleBatch.Id}",
            Answer.Ok(SampleBatch.Json("IN_PROGRESS", 100, 40, 0, 0)),
            Answer.Ok(SampleBatch.Json("COMPLETED", 100, 100, 0, 0, completedAt: "2026-03-31T10:00:12.5+00:00")));

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--count", "100", "--wait"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        _service.Requests.Select(sent => sent.Route).ShouldBe([
            "POST /api/processes/batch",
            $"GET /api/process-batches/{SampleBatch.Id}?refresh=true",
            $"GET /api/process-batches/{SampleBatch.Id}?refresh=true"]);
        run.Lines[0].ShouldBe($"Created 100 processes in batch {SampleBatch.Id}.");
        run.Lines[^1].ShouldBe($"Batch {SampleBatch.Id} COMPLETED: 100 completed, 0 failed, 0 blocked in 12.5 s (8.0 processes/s)");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
