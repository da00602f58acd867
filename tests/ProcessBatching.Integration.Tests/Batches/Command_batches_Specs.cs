using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

/// <summary>COMMAND batches keep working next to process batches, through the same stats function.</summary>
public sealed class When_a_command_batch_is_sent(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Fact]
    public async Task Should_complete_when_every_command_replied()
    {
        var batchId = await CreateAsync(new { count = 40, step = "render" });

        var batch = await Service.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("batch_type").GetString().ShouldBe("COMMAND");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(40);
        (await Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.command WHERE batch_id = '{batchId}' AND status = 'COMPLETED' AND command_type = 'StatementRender'"))
            .ShouldBe(40);
    }

    [Fact]
    public async Task Should_finish_with_failures_when_commands_break_a_business_rule()
    {
        var batchId = await CreateAsync(new { count = 10, behavior = new { fail_business_rule_pct = 100 } });

        var batch = await Service.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED_WITH_FAILURES");
        batch.GetProperty("failed_count").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task Should_stay_open_while_a_command_waits_in_the_troubleshooting_queue()
    {
        var batchId = await CreateAsync(new { count = 3, step = "aggregation", behavior = new { fail_permanent_pct = 100 } });

        var batch = await Service.BatchAsync(batchId, b => b.GetProperty("blocked_count").GetInt32() == 3);

        batch.GetProperty("blocked_count").GetInt32().ShouldBe(3);
        batch.GetProperty("status").GetString().ShouldBe("IN_PROGRESS");
        (await Eventually.UntilAsync(() => Service.Rabbit.CountAsync("statement-data-aggregation_error"), n => n == 3)).ShouldBe(3u);
    }

    [Fact]
    public async Task Should_reject_a_bad_request_and_send_nothing()
    {
        var response = await Service.Client.PostAsJsonAsync("/api/batches", new { count = 0, step = "publish" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["count", "step"], ignoreOrder: true);
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.command")).ShouldBe(0);
    }

    private async Task<Guid> CreateAsync(object request)
    {
        var response = await Service.Client.PostAsJsonAsync("/api/batches", request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();
    }
}
