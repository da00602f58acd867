using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_of_processes_runs_without_failures(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceFactory _service = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = new ServiceFactory(fixture.ServiceConfiguration());
        _client = await _service.StartReadyAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Should_complete_every_step_and_record_it_in_the_process_audit_and_command_tables()
    {
        var created = await _client.PostAsJsonAsync("/api/processes/batch", new { count = 5 });
        var batchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();

        var batch = await Eventually.UntilAsync(
            () => _client.GetFromJsonAsync<JsonElement>($"/api/batches/{batchId}"),
            b => b.GetProperty("status").GetString() == "COMPLETED");

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(5);
        var processes = await fixture.QueryAsync(
            $"SELECT status, current_step, completed_at IS NOT NULL FROM commandbus.process WHERE batch_id = '{batchId}'",
            r => (r.GetString(0), r.GetString(1), r.GetBoolean(2)));
        processes.Count.ShouldBe(5);
        processes.ShouldAllBe(p => p.Item1 == "COMPLETED" && p.Item2 == "StatementRender" && p.Item3);
        var audit = await fixture.QueryAsync(
            $"""
            SELECT a.step_name, a.reply_outcome, c.status
            FROM commandbus.process_audit a JOIN commandbus.command c USING (command_id)
            JOIN commandbus.process p USING (process_id)
            WHERE p.batch_id = '{batchId}' ORDER BY a.process_id, a.sent_at
            """,
            r => (r.GetString(0), r.GetString(1), r.GetString(2)));
        audit.Count.ShouldBe(15);
        audit.Select(a => a.Item1).Take(3).ShouldBe(["StatementQuery", "StatementDataAggregation", "StatementRender"]);
        audit.ShouldAllBe(a => a.Item2 == "SUCCESS" && a.Item3 == "COMPLETED");
    }
}
