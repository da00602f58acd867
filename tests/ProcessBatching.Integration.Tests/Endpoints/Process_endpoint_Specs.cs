using System.Net;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Endpoints;

public sealed class When_a_process_is_read_through_the_api(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec writes process rows itself, so no dispatcher or saga may move them.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_return_the_process_with_its_audit_trail_in_send_order()
    {
        var processId = (await Service.CreateProcessesAsync(1))[0];
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            var sent = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.AddAuditAsync(processId, "StatementDataAggregation", "StatementDataAggregation", sent.AddSeconds(2), null, null);
            await db.AddAuditAsync(processId, "StatementQuery", "StatementQuery", sent, "SUCCESS", """{"rows": 3}""");
            await db.SetStatusAsync(processId, "WAITING_FOR_REPLY", "StatementDataAggregation");
        }

        var response = await Service.Client.GetAsync($"/api/processes/{processId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("process_id").GetGuid().ShouldBe(processId);
        root.GetProperty("status").GetString().ShouldBe("WAITING_FOR_REPLY");
        root.GetProperty("current_step").GetString().ShouldBe("StatementDataAggregation");
        root.GetProperty("state").GetProperty("output_type").GetString().ShouldBe("pdf");
        var trail = root.GetProperty("audit_trail").EnumerateArray().ToList();
        trail.Select(e => e.GetProperty("step_name").GetString()).ShouldBe(["StatementQuery", "StatementDataAggregation"]);
        trail[0].GetProperty("reply_outcome").GetString().ShouldBe("SUCCESS");
        trail[0].GetProperty("reply_data").GetProperty("rows").GetInt32().ShouldBe(3);
        trail[1].GetProperty("reply_outcome").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Should_answer_an_unknown_process_with_not_found_problem_details()
    {
        var response = await Service.Client.GetAsync($"/api/processes/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Should_answer_a_malformed_id_with_bad_request()
    {
        var response = await Service.Client.GetAsync("/api/processes/not-a-process");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("process_id");
    }
}
