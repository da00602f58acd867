using System.Net;
using System.Net.Sockets;
using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_the_service_answers_an_error
{
    private readonly FakeService _service = new();

    [Fact]
    public async Task Should_print_the_problems_title_detail_and_every_field_error_to_stderr_and_exit_1()
    {
        _service.OnPost("/api/processes/batch", Answer.Problem(HttpStatusCode.BadRequest, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,
             "detail":"Nothing was created.",
             "errors":{"count":["count must be between 1 and 1000000."],"name":["name must be at most 200 characters.","a second reason"]}}
            """));

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--count", "2000000"]);

        run.ExitCode.ShouldBe(1);
        run.Out.ShouldBeEmpty();
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "pb: POST /api/processes/batch answered 400 One or more validation errors occurred.: Nothing was created.",
            "  count: count must be between 1 and 1000000.",
            "  name: name must be at most 200 characters.",
            "  name: a second reason"]);
    }

    [Fact]
    public async Task Should_say_a_token_is_wanted_on_401()
    {
        _service.OnGet("/api/process-batches", Answer.Problem(HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "list"]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("GET /api/process-batches answered 401 Unauthorized");
        run.Error.ShouldContain("--token or PB_TOKEN");
    }

    [Fact]
    public async Task Should_show_an_answer_that_is_no_problem_document_as_its_status_and_body()
    {
        _service.OnGet($"/api/processes/{SampleBatch.Id}", new Answer(HttpStatusCode.BadGateway, "upstream down", "text/plain"));

        var run = await PbRun.RunAsync(_service, ["process", "show", SampleBatch.Id]);

        run.ExitCode.ShouldBe(1);
        run.Error.Trim().ShouldBe($"pb: GET /api/processes/{SampleBatch.Id} answered 502 Bad Gateway: upstream down");
    }

    [Fact]
    public async Task Should_name_the_server_it_tried_when_the_connection_is_refused()
    {
        _service.Otherwise = _ => throw new HttpRequestException("Connection refused (127.0.0.1:5999)", new SocketException((int)SocketError.ConnectionRefused));

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--count", "1", "--wait"], new() { ["PB_SERVER"] = "http://127.0.0.1:5999" });

        run.ExitCode.ShouldBe(1);
        run.Out.ShouldBeEmpty();
        run.Error.Trim().ShouldBe(
            "pb: could not reach the service at http://127.0.0.1:5999/: connection refused. Is it running? Give its address with --server or PB_SERVER.");
    }
}
