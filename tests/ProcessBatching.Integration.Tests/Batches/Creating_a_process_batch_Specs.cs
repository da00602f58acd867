using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_batch_is_posted(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceFactory _service = null!;
    private HttpClient _client = null!;
    private RabbitProbe _rabbit = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        // Batches only: the test plays the processes itself, so no saga may move them meanwhile.
        _service = new ServiceFactory(fixture.ServiceConfiguration(roles: "batches"));
        _client = await _service.StartReadyAsync();
        _rabbit = await RabbitProbe.ConnectAsync(fixture);
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        _client.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Should_create_the_batch_and_every_process_row_in_one_go()
    {
        var response = await _client.PostAsJsonAsync("/api/processes/batch", new { count = 200, name = "March statements" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var batchId = body.GetProperty("batch_id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/batches/{batchId}");
        body.GetProperty("total_count").GetInt32().ShouldBe(200);
        body.GetProperty("completed_count").GetInt32().ShouldBe(0);
        body.GetProperty("process_count").GetInt32().ShouldBe(200);
        var processes = body.GetProperty("processes").EnumerateArray().ToList();
        processes.Count.ShouldBe(100);
        processes.ShouldAllBe(p => p.GetProperty("batch_id").GetGuid() == batchId);

        var rows = await fixture.QueryAsync<(string, string, long)>(
            "SELECT b.batch_type, b.name, (SELECT count(*) FROM commandbus.process p WHERE p.batch_id = b.batch_id AND p.status IN ('PENDING', 'IN_PROGRESS')) FROM commandbus.batch b",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2)));
        rows.ShouldBe([("PROCESS", "March statements", 200L)]);
    }

    [Fact]
    public async Task Should_hand_every_process_to_its_saga_marking_it_in_progress()
    {
        var response = await _client.PostAsJsonAsync("/api/processes/batch", new { count = 1200 });
        var batchId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();

        // No saga runs in this service (batches role only): the StartProcess messages stay in the
        // process queue, and the processes where the dispatcher put them.
        var (handedOver, dispatchRows) = await Eventually.UntilAsync(
            async () => (
                await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'IN_PROGRESS'"),
                await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.batch_dispatch WHERE batch_id = '{batchId}'")),
            state => state == (1200, 0),
            waitingFor: "1,200 processes IN_PROGRESS and the batch's dispatch row gone");

        var started = await _rabbit.TakeAllAsync("statement-report-state");
        var processIds = await fixture.QueryAsync($"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}'", r => r.GetGuid(0));
        started.Select(m => m.GetProperty("processId").GetGuid()).Order()
            .ShouldBe(processIds.Order(), "one StartProcess for each of the batch's processes, none twice");
        started.ShouldAllBe(m => m.GetProperty("batchId").GetGuid() == batchId);
    }

    [Fact]
    public async Task Should_create_nothing_twice_when_the_same_batch_id_is_posted_again()
    {
        var request = new { count = 200, batch_id = Guid.NewGuid() };

        var first = await _client.PostAsJsonAsync("/api/processes/batch", request);
        var second = await _client.PostAsJsonAsync("/api/processes/batch", request);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid().ShouldBe(request.batch_id);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(1);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(200);
    }

    [Fact]
    public async Task Should_create_one_batch_when_the_same_batch_id_is_posted_at_once()
    {
        var request = new { count = 300, batch_id = Guid.NewGuid() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PostAsJsonAsync("/api/processes/batch", request)));

        answers.Select(a => (int)a.StatusCode).Order().ToList().ShouldBe(new List<int> { 200, 200, 200, 200, 200, 201 }, "one request creates the batch; the others find it");
        foreach (var answer in answers)
        {
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            (body.GetProperty("batch_id").GetGuid(), body.GetProperty("total_count").GetInt32()).ShouldBe((request.batch_id, 300));
        }

        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(1);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(300);
    }

    [Fact]
    public async Task Should_keep_the_first_batch_when_its_batch_id_comes_again_with_another_body()
    {
        var batchId = Guid.NewGuid();
        (await _client.PostAsJsonAsync("/api/processes/batch", new { count = 5, name = "First", batch_id = batchId }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await _client.PostAsJsonAsync("/api/processes/batch", new { count = 9, name = "Second", output_type = "csv", batch_id = batchId });

        // The batch id makes the request safe to repeat (README): the second body creates nothing and
        // changes nothing; the answer is the batch as it is.
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        (body.GetProperty("batch_id").GetGuid(), body.GetProperty("total_count").GetInt32()).ShouldBe((batchId, 5));
        (await fixture.ScalarAsync<string>($"SELECT name FROM commandbus.batch WHERE batch_id = '{batchId}'")).ShouldBe("First");
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(5);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process WHERE state->>'output_type' = 'csv'")).ShouldBe(0);
    }

    [Fact]
    public async Task Should_answer_a_batch_with_counts_refreshed_on_read()
    {
        var created = await _client.PostAsJsonAsync("/api/processes/batch", new { count = 3 });
        var batchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();
        await fixture.ExecuteAsync($"UPDATE commandbus.process SET status = 'COMPLETED' WHERE batch_id = '{batchId}'");

        var batch = await _client.GetFromJsonAsync<JsonElement>($"/api/batches/{batchId}");

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("batch_type").GetString().ShouldBe("PROCESS");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(3);
        batch.GetProperty("failed_count").GetInt32().ShouldBe(0);
        batch.GetProperty("in_progress_count").GetInt32().ShouldBe(0);
        batch.GetProperty("completed_at").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_batch_and_400_for_a_malformed_id()
    {
        var unknown = await _client.GetAsync($"/api/batches/{Guid.NewGuid()}");
        var malformed = await _client.GetAsync("/api/batches/not-a-uuid");

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadAsStringAsync()).ShouldContain("batch_id");
    }
}
