using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Security;

/// <summary>Who did what: an operator's request names them in the process's audit trail; fault details stay out of HTTP answers.</summary>
public sealed class When_an_operator_acts_on_a_process(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    private static readonly object None = new { };

    private readonly Guid _batchId = Guid.NewGuid();

    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    [Fact]
    public async Task Should_record_the_operators_subject_and_name_in_the_audit_trail()
    {
        await CreateAsync(render: new { fail_permanent_pct = 100 });
        await ProcessAsync(process => process.GetProperty("status").GetString() == "WAITING_FOR_TSQ");

        var retry = await SendAsync(HttpMethod.Post, $"/api/processes/{ProcessIds.InBatchOrder(_batchId, 0)}/retry",
            TestTokens.For("alice", "Alice Operator", ["operator"]));

        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var process = await ProcessAsync(p => p.GetProperty("audit_trail").EnumerateArray().Any(e => e.GetProperty("command_type").GetString() == "RetryStep"));
        var request = process.GetProperty("audit_trail").EnumerateArray().Single(e => e.GetProperty("command_type").GetString() == "RetryStep");
        request.GetProperty("step_name").GetString().ShouldBe("StatementRender");
        request.GetProperty("requested_by").GetProperty("subject").GetString().ShouldBe("alice");
        request.GetProperty("requested_by").GetProperty("name").GetString().ShouldBe("Alice Operator");
        process.GetProperty("audit_trail").EnumerateArray().Where(e => e.GetProperty("command_type").GetString() != "RetryStep")
            .ShouldAllBe(e => e.GetProperty("requested_by").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Should_serve_a_failed_compensation_without_its_stack_trace_or_host()
    {
        await CreateAsync(render: new { fail_business_rule_pct = 100 }, compensation: new { fail_permanent_pct = 100 });
        var process = await ProcessAsync(p => p.GetProperty("status").GetString() == "FAILED");

        var stored = await Fixture.ScalarAsync<string>(
            $"SELECT string_agg(reply_data::text, ' ') FROM commandbus.process_audit WHERE process_id = '{ProcessIds.InBatchOrder(_batchId, 0)}'");
        stored.ShouldContain("stack_trace", customMessage: "the database keeps the fault as it came");
        stored.ShouldContain("machine_name");
        var served = process.GetRawText();
        served.ShouldContain("exceptions");
        served.ShouldNotContain("stack_trace");
        served.ShouldNotContain("machine_name");
        served.ShouldNotContain("\"host\"");
        served.ShouldNotContain(Environment.MachineName);
    }

    private async Task CreateAsync(object render, object? compensation = null)
    {
        var created = await SendAsync(HttpMethod.Post, "/api/processes/batch", TestTokens.For("bob", null, ["submitter"]), new
        {
            batch_id = _batchId,
            requests = new[]
            {
                new
                {
                    from_date = "2026-03-01", to_date = "2026-03-31", account_list = new[] { "ACC-0000001" }, output_type = "pdf",
                    behavior = new { query = None, aggregation = None, render, compensation = compensation ?? None },
                },
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private Task<JsonElement> ProcessAsync(Func<JsonElement, bool> done) =>
        Eventually.UntilAsync(
            async () => await (await SendAsync(HttpMethod.Get, $"/api/processes/{ProcessIds.InBatchOrder(_batchId, 0)}", TestTokens.For("carol", null, ["viewer"])))
                .Content.ReadFromJsonAsync<JsonElement>(),
            done);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null) =>
        Service.Client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body),
            Headers = { Authorization = TestTokens.Bearer(token) },
        });
}
