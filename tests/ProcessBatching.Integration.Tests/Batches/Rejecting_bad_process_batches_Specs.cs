using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_batch_request_is_bad(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceFactory _service = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = new ServiceFactory(new Dictionary<string, string?>(fixture.ServiceConfiguration())
        {
            ["ProcessBatches:MaxCount"] = "1000",
        });
        _client = await _service.StartReadyAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "count of zero", """{"count":0}""", "count" },
        { "negative count", """{"count":-5}""", "count" },
        { "count over the maximum", """{"count":1001}""", "count" },
        { "no count", """{"name":"x"}""", "count" },
        { "from after to", """{"count":1,"from_date":"2026-03-31","to_date":"2026-03-01"}""", "from_date" },
        { "unknown output type", """{"count":1,"output_type":"docx"}""", "output_type" },
        { "percentage over 100", """{"count":1,"behavior":{"query":{"fail_permanent_pct":101}}}""", "behavior.query.fail_permanent_pct" },
        { "negative percentage", """{"count":1,"behavior":{"render":{"timeout_pct":-1}}}""", "behavior.render.timeout_pct" },
        { "percentages over 100 together", """{"count":1,"behavior":{"aggregation":{"fail_permanent_pct":60,"fail_transient_pct":50}}}""", "behavior.aggregation" },
        { "min duration over max", """{"count":1,"behavior":{"render":{"min_duration_ms":500,"max_duration_ms":100}}}""", "behavior.render.min_duration_ms" },
        { "a step of 24 days", """{"count":1,"behavior":{"query":{"max_duration_ms":2073600000}}}""", "behavior.query.max_duration_ms" },
        { "a step just over a minute", """{"count":1,"behavior":{"render":{"min_duration_ms":60001,"max_duration_ms":60001}}}""", "behavior.render.max_duration_ms" },
        { "percentages that overflow together", """{"count":1,"behavior":{"query":{"fail_permanent_pct":2147483647,"timeout_pct":2147483647}}}""", "behavior.query.fail_permanent_pct" },
        { "a request without account_list", $$"""{"requests":[{{Entry("ACC-1")}},{{Entry("ACC-2")}},{{Entry("ACC-3")}},{"from_date":"2026-03-01","to_date":"2026-03-31","output_type":"pdf"}]}""", "requests[3].account_list" },
        { "a request with an empty account_list", """{"requests":[{"from_date":"2026-03-01","to_date":"2026-03-31","account_list":[],"output_type":"pdf"}]}""", "requests[0].account_list" },
        { "a request with a blank account", """{"requests":[{"from_date":"2026-03-01","to_date":"2026-03-31","account_list":[" "],"output_type":"pdf"}]}""", "requests[0].account_list" },
        { "a request without dates", """{"requests":[{"account_list":["ACC-1"],"output_type":"pdf"}]}""", "requests[0].to_date" },
        { "malformed JSON", """{"count":1""", "body" },
        { "wrong type", """{"count":"many"}""", "count" },
        { "malformed batch id", """{"count":1,"batch_id":"not-a-uuid"}""", "batch_id" },
        { "malformed date", """{"count":1,"from_date":"yesterday"}""", "from_date" },
        { "unknown field", """{"count":1,"colour":"red"}""", "colour" },
    };

    private static string Entry(string account) =>
        $$"""{"from_date":"2026-03-01","to_date":"2026-03-31","account_list":["{{account}}"],"output_type":"pdf"}""";

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Should_answer_400_naming_the_field_and_write_nothing(string _, string json, string field)
    {
        var response = await _client.PostAsync("/api/processes/batch", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(0);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(0);
    }

    [Fact]
    public async Task Should_reject_a_body_that_is_not_json()
    {
        var response = await _client.PostAsync("/api/processes/batch", new StringContent("count=1", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(0);
    }
}
