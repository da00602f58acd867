using System.Text.Json;
using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_pb_lists_batches_and_shows_a_process
{
    private const string ProcessId = "0193a1b2-0000-7000-8000-00000000abcd";

    private readonly FakeService _service = new();

    [Fact]
    public async Task Should_list_a_page_of_batches_with_their_counts()
    {
        _service.OnGet("/api/process-batches", Answer.Ok(
            $$"""{"items":[{{SampleBatch.Json("IN_PROGRESS", 100, 40, 2, 3)}}],"page":2,"page_size":10,"total_count":11,"page_count":2}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "list", "--status", "IN_PROGRESS", "--page", "2", "--page-size", "10"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        _service.Requests.ShouldHaveSingleItem().Route.ShouldBe("GET /api/process-batches?status=IN_PROGRESS&page=2&page_size=10");
        run.Lines.Length.ShouldBe(3);
        run.Lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe([SampleBatch.Id, "IN_PROGRESS", "100", "40", "2", "3", "2026-03-31", "10:00:00", "March", "statements"]);
        run.Lines[2].ShouldBe("Page 2 of 2 (11 batches)");
    }

    [Fact]
    public async Task Should_say_which_listed_batch_is_paused()
    {
        _service.OnGet("/api/process-batches", Answer.Ok(
            $$"""{"items":[{{SampleBatch.Json("IN_PROGRESS", 100, 40, 2, 3, paused: true)}}],"page":1,"page_size":50,"total_count":1,"page_count":1}"""));

        var run = await PbRun.RunAsync(_service, ["batch", "list"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines[1].ShouldContain(" IN_PROGRESS (paused) ");
    }

    [Fact]
    public async Task Should_show_a_process_with_its_error_and_who_asked_for_what()
    {
        _service.OnGet($"/api/processes/{ProcessId}", Answer.Ok($$$"""
            {"process_id":"{{{ProcessId}}}","batch_id":"{{{SampleBatch.Id}}}","process_type":"StatementReport","status":"WAITING_FOR_TSQ",
             "current_step":"StatementQuery","state":{},"error_code":"PERMANENT","error_message":"The query failed.",
             "created_at":"2026-03-31T10:00:00+00:00","updated_at":"2026-03-31T10:00:01+00:00","completed_at":null,
             "audit_trail":[
               {"step_name":"StatementQuery","command_id":"c1","command_type":"StatementQuery","sent_at":"2026-03-31T10:00:00+00:00",
                "reply_outcome":"FAILED","received_at":"2026-03-31T10:00:01+00:00","requested_by":null},
               {"step_name":"StatementQuery","command_id":"c2","command_type":"RetryStep","sent_at":"2026-03-31T10:05:00+00:00",
                "reply_outcome":null,"received_at":null,"requested_by":{"subject":"alice","name":"Alice Ng"}}]}
            """));

        var run = await PbRun.RunAsync(_service, ["process", "show", ProcessId]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines[0].ShouldBe($"Process {ProcessId} WAITING_FOR_TSQ (StatementReport)");
        run.Out.ShouldContain("  error:   PERMANENT: The query failed.");
        run.Lines[^2].ShouldMatch(@"^  2026-03-31T10:00:00\+00:00  StatementQuery +StatementQuery +FAILED at 2026-03-31T10:00:01\+00:00$");
        run.Lines[^1].ShouldMatch(@"^  2026-03-31T10:05:00\+00:00  StatementQuery +RetryStep +no reply, requested by alice \(Alice Ng\)$");
    }

    [Fact]
    public async Task Should_print_the_process_as_the_service_sent_it_with_json()
    {
        _service.OnGet($"/api/processes/{ProcessId}", Answer.Ok($$"""{"process_id":"{{ProcessId}}","status":"COMPLETED","audit_trail":[]}"""));

        var run = await PbRun.RunAsync(_service, ["process", "show", ProcessId, "--json"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        JsonDocument.Parse(run.Lines.ShouldHaveSingleItem()).RootElement.GetProperty("status").GetString().ShouldBe("COMPLETED");
    }
}
