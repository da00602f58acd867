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

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        // Batches only: the test plays the processes itself, so no saga may move them meanwhile.
        _service = new ServiceFactory(fixture.ServiceConfiguration(roles: "batches"));
        _client = await _service.StartReadyAsync();
    }

    public async Task DisposeAsync()
    {
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

        // No saga runs in this service (batches role only), so the processes stay where the dispatcher put them.
        // The dispatcher marks a chunk, sends it, and only then moves its cursor: wait for both.
        var (handedOver, dispatchRows) = await Eventually.UntilAsync(
            async () => (
                await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'IN_PROGRESS'"),
                await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.batch_dispatch WHERE batch_id = '{batchId}'")),
            state => state == (1200, 0));

        handedOver.ShouldBe(1200);
        dispatchRows.ShouldBe(0, "the whole batch was dispatched");
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
