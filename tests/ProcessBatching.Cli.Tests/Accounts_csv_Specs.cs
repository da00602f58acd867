using System.Net;
using System.Text.Json;
using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_pb_starts_a_batch_from_a_csv_file : IDisposable
{
    private readonly FakeService _service = new FakeService().OnPost("/api/processes/batch", new Answer(HttpStatusCode.Created, SampleBatch.Created(3)));
    private readonly string _directory = Directory.CreateTempSubdirectory("pb-specs").FullName;

    private string File(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Should_send_one_request_per_row_with_the_commands_values_for_empty_cells()
    {
        var csv = File("accounts.csv", """
            account,from_date,to_date,output_type
            ACC-1,2026-03-01,2026-03-31,pdf

            # a statement of two accounts, the command's dates and output type
            "ACC-2;ACC-3",,,
            ACC-4,2026-02-01,2026-02-28,csv
            """);
        var behavior = File("behavior.json", """{"query": {"fail_permanent_pct": 5}}""");

        var run = await PbRun.RunAsync(_service,
            ["batch", "start", "--from-csv", csv, "--behavior", behavior, "--from-date", "2026-01-01", "--to-date", "2026-01-31", "--output-type", "html"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var body = JsonDocument.Parse(_service.Requests.ShouldHaveSingleItem().Body!).RootElement;
        body.TryGetProperty("count", out _).ShouldBeFalse("the rows are the count");
        var requests = body.GetProperty("requests").EnumerateArray().ToList();
        requests.Count.ShouldBe(3);
        Summary(requests[0]).ShouldBe("ACC-1|2026-03-01|2026-03-31|pdf");
        Summary(requests[1]).ShouldBe("ACC-2,ACC-3|2026-01-01|2026-01-31|html");
        Summary(requests[2]).ShouldBe("ACC-4|2026-02-01|2026-02-28|csv");
        requests.ShouldAllBe(request => request.GetProperty("behavior").GetProperty("query").GetProperty("fail_permanent_pct").GetInt32() == 5);
    }

    [Fact]
    public async Task Should_take_a_file_of_accounts_alone()
    {
        var csv = File("accounts.csv", "account\nACC-1\nACC-2\n");

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--from-csv", csv]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var requests = JsonDocument.Parse(_service.Requests.ShouldHaveSingleItem().Body!).RootElement.GetProperty("requests");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        requests.EnumerateArray().Select(Summary).ShouldBe([$"ACC-1|{today}|{today}|pdf", $"ACC-2|{today}|{today}|pdf"]);
    }

    [Theory]
    [InlineData("account,from_date\nACC-1,2026-03-01\nACC-2,31/03/2026\n", "accounts.csv line 3: from_date \"31/03/2026\" is not a date (yyyy-MM-dd).")]
    [InlineData("account,from_date\nACC-1\n", "accounts.csv line 2: 1 fields where the header names 2 (account,from_date).")]
    [InlineData("account\nACC-1\n\"ACC-2\n", "accounts.csv line 3: a quoted field is not closed.")]
    [InlineData("account,to_date\nACC-1,\n ,2026-03-01\n", "accounts.csv line 3: the account is empty.")]
    [InlineData("acount,from_date\nACC-1,2026-03-01\n", "accounts.csv line 1: unknown column \"acount\"")]
    [InlineData("from_date\n2026-03-01\n", "accounts.csv line 1: the header has no \"account\" column")]
    [InlineData("account\n", "accounts.csv has a header but no rows.")]
    [InlineData("", "accounts.csv is empty")]
    public async Task Should_name_the_bad_line_exit_1_and_send_nothing(string text, string error)
    {
        var csv = File("accounts.csv", text);

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--from-csv", csv]);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain(error);
        _service.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Should_say_which_line_a_request_the_service_refused_came_from()
    {
        var csv = File("accounts.csv", "account,output_type\nACC-1,pdf\n\nACC-2,docx\n");
        _service.OnPost("/api/processes/batch", Answer.Problem(HttpStatusCode.BadRequest, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,
             "errors":{"requests[1].output_type":["output_type must be one of pdf, html, csv."]}}
            """));

        var run = await PbRun.RunAsync(_service, ["batch", "start", "--from-csv", csv]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("requests[1].output_type (accounts.csv line 4): output_type must be one of pdf, html, csv.");
    }

    private static string Summary(JsonElement request) =>
        string.Join(',', request.GetProperty("account_list").EnumerateArray().Select(account => account.GetString())) +
        $"|{request.GetProperty("from_date").GetString()}|{request.GetProperty("to_date").GetString()}|{request.GetProperty("output_type").GetString()}";

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
