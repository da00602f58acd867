using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>
/// Logging__Format=json, the service started as a separate process in Production from another working
/// directory: one JSON object per line, with the trace and the batch or process each line is about.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_service_logs_json(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = await ServiceProcess.StartAsync(fixture, new Dictionary<string, string> { ["Logging__Format"] = "json" });
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Should_write_each_business_event_as_json_with_its_trace_batch_and_process()
    {
        var created = await _service.Client.PostAsJsonAsync("/api/processes/batch",
            new { count = 1, name = "Logged", behavior = new { query = new { fail_permanent_pct = 100 } } });
        created.EnsureSuccessStatusCode();
        var batchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetString()!;
        var blocked = await Eventually.UntilAsync(
            () => _service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{batchId}/processes?status=WAITING_FOR_TSQ"),
            page => page.GetProperty("items").GetArrayLength() == 1);
        var processId = blocked.GetProperty("items")[0].GetProperty("process_id").GetString()!;
        using (var cancel = await _service.Client.PostAsync($"/api/processes/{processId}/cancel", null))
        {
            // Once seen answering 500 in a CI run and not reproduced since: say what the service logged.
            cancel.IsSuccessStatusCode.ShouldBeTrue(
                $"cancel answered {(int)cancel.StatusCode}: {await cancel.Content.ReadAsStringAsync()}; the service's last errors: " +
                string.Join(Environment.NewLine, _service.Output.Where(line => line.Contains("\"@x\"", StringComparison.Ordinal)).TakeLast(3)));
        }
        await Eventually.UntilAsync(
            () => _service.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{batchId}"),
            batch => batch.GetProperty("completed_at").ValueKind == JsonValueKind.String);
        await Eventually.UntilAsync(() => Task.FromResult(_service.Output.Any(line => line.Contains("finished"))), seen => seen,
            TimeSpan.FromSeconds(30), "the batch's finish in the log");
        await _service.StopAsync();

        var lines = _service.Output.Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        lines.ShouldAllBe(line => Text(line, "@t") != null && Text(line, "@m") != null);

        var batchCreated = Single(lines, "created with 1 processes");
        Text(batchCreated, "trace_id")!.Length.ShouldBe(32);
        var troubleshooting = Single(lines, "entered the troubleshooting queue");
        Text(troubleshooting, "process_id").ShouldBe(processId, troubleshooting.GetRawText());
        Text(troubleshooting, "batch_id").ShouldBe(batchId, troubleshooting.GetRawText());
        Text(troubleshooting, "trace_id").ShouldBe(Text(batchCreated, "trace_id"), "one trace from the POST to the troubleshooting queue");
        var canceled = Single(lines, "asked for \"CancelProcess\" of process");
        Text(canceled, "Operator").ShouldNotBeNullOrEmpty(canceled.GetRawText());
        Text(canceled, "process_id").ShouldBe(processId, canceled.GetRawText());
        Text(Single(lines, $"Batch {batchId} finished"), "BatchId").ShouldBe(batchId);
        lines.ShouldContain(line => Text(line, "RequestPath") == $"/api/batches/{batchId}" && Text(line, "batch_id") == batchId && Text(line, "trace_id") != null);

        // appsettings.json's level overrides apply although the working directory is elsewhere.
        lines.ShouldNotContain(line => Text(line, "@l") == null && (Text(line, "SourceContext") ?? "").StartsWith("Microsoft.AspNetCore"));
    }

    private static string? Text(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement Single(List<JsonElement> lines, string message) =>
        lines.Where(line => line.GetProperty("@m").GetString()!.Contains(message, StringComparison.Ordinal))
            .ShouldHaveSingleItem($"one line saying \"{message}\"");
}
