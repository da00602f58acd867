using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches.Actions;

public sealed class When_an_operator_retries_the_blocked_processes_of_a_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // Small chunks, so one retry takes several messages of the batches role, each sending the next.
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ProcessBatches:ActionChunkSize"] = "2",
    };

    [Fact]
    public async Task Should_retry_those_of_one_step_then_the_rest_and_finish_the_batch_completed()
    {
        // Five wait in the troubleshooting queue at the query, three at the render; two complete.
        var requests = Enumerable.Range(0, 5).Select(i => BatchActions.Request($"Q{i}", new { query = new { fail_permanent_pct = 100 } }))
            .Concat(Enumerable.Range(0, 3).Select(i => BatchActions.Request($"R{i}", new { render = new { fail_permanent_pct = 100 } })))
            .Concat(Enumerable.Range(0, 2).Select(i => BatchActions.Request($"OK{i}")))
            .ToArray();
        var batchId = await Service.CreateBatchAsync(new { name = "Blocked in two steps", requests });
        await Service.BatchAsync(batchId, batch => batch.GetProperty("blocked_count").GetInt32() == 8 && batch.GetProperty("completed_count").GetInt32() == 2);
        (await BlockedAtAsync(batchId)).ShouldBe(["StatementQuery", "StatementQuery", "StatementQuery", "StatementQuery", "StatementQuery", "StatementRender", "StatementRender", "StatementRender"]);

        var (status, body, response) = await Service.ActAsync(batchId, "retry-blocked?step=StatementQuery");

        status.ShouldBe(HttpStatusCode.Accepted);
        body.GetProperty("retried").GetInt32().ShouldBe(5);
        response.Headers.Location!.OriginalString.ShouldBe($"/api/process-batches/{batchId}");
        // A retried step runs without its failure chances: the five finish, the three at the render still wait.
        await Service.BatchAsync(batchId, batch => batch.GetProperty("completed_count").GetInt32() == 7);
        (await BlockedAtAsync(batchId)).ShouldBe(["StatementRender", "StatementRender", "StatementRender"]);

        var none = await Service.ActAsync(batchId, "retry-blocked?error_code=NO_SUCH_ERROR");
        none.Status.ShouldBe(HttpStatusCode.Accepted);
        none.Body.GetProperty("retried").GetInt32().ShouldBe(0);

        var rest = await Service.ActAsync(batchId, "retry-blocked");
        rest.Status.ShouldBe(HttpStatusCode.Accepted);
        rest.Body.GetProperty("retried").GetInt32().ShouldBe(3);

        var finished = await Service.FinalBatchAsync(batchId);
        finished.GetProperty("status").GetString().ShouldBe("COMPLETED");
        finished.GetProperty("completed_count").GetInt32().ShouldBe(10);
        finished.ShouldAddUp();

        // Each process was retried once, and its trail says who asked; the batch's trail holds each request.
        var retries = await Fixture.ScalarAsync<long>(
            $"SELECT count(*) FROM commandbus.process_audit a JOIN commandbus.process p ON p.process_id = a.process_id WHERE p.batch_id = '{batchId}' AND a.command_type = 'RetryStep'");
        retries.ShouldBe(8);
        var stored = await Service.StoredBatchAsync(batchId);
        stored.Actions().ShouldBe(["RETRY_BLOCKED", "RETRY_BLOCKED", "RETRY_BLOCKED"]);
        var first = stored.GetProperty("operator_actions")[0];
        first.GetProperty("requested_by").GetProperty("subject").GetString().ShouldNotBeNullOrEmpty();
        first.GetProperty("details").GetProperty("step").GetString().ShouldBe("StatementQuery");
        first.GetProperty("details").GetProperty("retried").GetInt32().ShouldBe(5);
        var retriedProcess = await Fixture.ScalarAsync<Guid>(
            $"SELECT a.process_id FROM commandbus.process_audit a JOIN commandbus.process p ON p.process_id = a.process_id WHERE p.batch_id = '{batchId}' AND a.command_type = 'RetryStep' LIMIT 1");
        var trail = (await Service.Client.GetFromJsonAsync<JsonElement>($"/api/processes/{retriedProcess}")).GetProperty("audit_trail");
        trail.EnumerateArray().Where(entry => entry.GetProperty("command_type").GetString() == "RetryStep")
            .ShouldHaveSingleItem().GetProperty("requested_by").GetProperty("subject").GetString().ShouldNotBeNullOrEmpty();
    }

    private async Task<List<string>> BlockedAtAsync(Guid batchId) =>
        await Fixture.QueryAsync(
            $"SELECT current_step FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'WAITING_FOR_TSQ' ORDER BY current_step",
            reader => reader.GetString(0));
}
