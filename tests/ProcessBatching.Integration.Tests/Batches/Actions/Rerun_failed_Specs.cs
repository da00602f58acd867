using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches.Actions;

public sealed class When_an_operator_reruns_the_failed_processes_of_a_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Fact]
    public async Task Should_create_a_batch_of_their_requests_linked_to_its_parent_and_so_on_for_a_rerun()
    {
        // Three break a business rule at the render (compensated, CANCELED), two complete.
        var requests = Enumerable.Range(0, 3).Select(i => BatchActions.Request($"FAIL-{i}", new { render = new { fail_business_rule_pct = 100 } }))
            .Concat(Enumerable.Range(0, 2).Select(i => BatchActions.Request($"OK-{i}")))
            .ToArray();
        var parentId = await Service.CreateBatchAsync(new { name = "Month end", requests });
        (await Service.FinishedBatchAsync(parentId)).GetProperty("failed_count").GetInt32().ShouldBe(3);

        var (status, rerun, response) = await Service.ActAsync(parentId, "rerun-failed");

        // README: 201 like a new batch.
        status.ShouldBe(HttpStatusCode.Created);
        var rerunId = rerun.GetProperty("batch_id").GetGuid();
        response.Headers.Location!.OriginalString.ShouldBe($"/api/batches/{rerunId}");
        rerun.GetProperty("total_count").GetInt32().ShouldBe(3);
        rerun.GetProperty("process_count").GetInt32().ShouldBe(3);
        rerun.GetProperty("processes").GetArrayLength().ShouldBe(3);
        rerun.GetProperty("parent_batch_id").GetGuid().ShouldBe(parentId);
        (await AccountsAsync(rerunId)).ShouldBe(["FAIL-0", "FAIL-1", "FAIL-2"], ignoreOrder: true);
        var stored = await Service.StoredBatchAsync(rerunId);
        stored.GetProperty("parent_batch_id").GetGuid().ShouldBe(parentId);
        stored.GetProperty("name").GetString().ShouldBe("Rerun of Month end");
        var listed = (await Service.Client.GetFromJsonAsync<JsonElement>("/api/process-batches")).GetProperty("items").EnumerateArray()
            .Single(batch => batch.GetProperty("batch_id").GetGuid() == rerunId);
        listed.GetProperty("parent_batch_id").GetGuid().ShouldBe(parentId);
        (await Service.StoredBatchAsync(parentId)).Actions().ShouldBe(["RERUN_FAILED"]);

        // Same requests, same behaviour: they fail again, and the rerun can be rerun in turn.
        (await Service.FinishedBatchAsync(rerunId)).GetProperty("failed_count").GetInt32().ShouldBe(3);
        var (againStatus, again, _) = await Service.ActAsync(rerunId, "rerun-failed");
        againStatus.ShouldBe(HttpStatusCode.Created);
        var secondId = again.GetProperty("batch_id").GetGuid();
        (await Service.StoredBatchAsync(secondId)).GetProperty("parent_batch_id").GetGuid().ShouldBe(rerunId);
        (await AccountsAsync(secondId)).ShouldBe(["FAIL-0", "FAIL-1", "FAIL-2"], ignoreOrder: true);
        (await Service.FinishedBatchAsync(secondId)).GetProperty("failed_count").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Should_create_it_once_for_the_same_batch_id_and_refuse_a_batch_without_failures_or_still_open()
    {
        var parentId = await Service.CreateBatchAsync(new { count = 2, behavior = new { query = new { fail_business_rule_pct = 100 } } });
        var open = await Service.CreateBatchAsync(new { count = 1, behavior = new { query = new { fail_permanent_pct = 100 } } });
        var clean = await Service.CreateBatchAsync(new { count = 1 });
        await Service.FinishedBatchAsync(parentId);
        await Service.FinishedBatchAsync(clean);
        var rerunId = Guid.NewGuid();

        var first = await Service.ActAsync(parentId, "rerun-failed", JsonContent.Create(new { batch_id = rerunId, name = "Second try" }));
        var second = await Service.ActAsync(parentId, "rerun-failed", JsonContent.Create(new { batch_id = rerunId, name = "Second try" }));

        first.Status.ShouldBe(HttpStatusCode.Created);
        second.Status.ShouldBe(HttpStatusCode.OK);
        second.Body.GetProperty("batch_id").GetGuid().ShouldBe(rerunId);
        (await Service.StoredBatchAsync(rerunId)).GetProperty("name").GetString().ShouldBe("Second try");
        (await Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.batch WHERE parent_batch_id = '{parentId}'")).ShouldBe(1);

        (await Service.ActAsync(clean, "rerun-failed")).Status.ShouldBe(HttpStatusCode.Conflict, "no failed process");
        (await Service.ActAsync(open, "rerun-failed")).Status.ShouldBe(HttpStatusCode.Conflict, "still open");
        (await Service.ActAsync(Guid.NewGuid(), "rerun-failed")).Status.ShouldBe(HttpStatusCode.NotFound);
        var unknownField = await Service.ActAsync(parentId, "rerun-failed", JsonContent.Create(new { count = 3 }));
        unknownField.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownField.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["count"]);
        var longName = await Service.ActAsync(parentId, "rerun-failed", JsonContent.Create(new { name = new string('n', 201) }));
        longName.Status.ShouldBe(HttpStatusCode.BadRequest);
        longName.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["name"]);
    }

    private Task<List<string>> AccountsAsync(Guid batchId) =>
        Fixture.QueryAsync($"SELECT state -> 'account_list' ->> 0 FROM commandbus.process WHERE batch_id = '{batchId}'", reader => reader.GetString(0));
}
