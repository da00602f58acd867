using System.Net.Http.Json;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>
/// The batch every scenario runs: short steps, each with a few percent transient failures (retried in
/// process), so it finishes COMPLETED in seconds to a minute or two unless a fault strands something.
/// </summary>
public static class FaultBatch
{
    public static async Task PostAsync(HttpClient service, Guid batchId, string scenario, FaultOptions options)
    {
        var step = new Dictionary<string, int>
        {
            ["fail_transient_pct"] = FaultOptions.TransientFailurePercent,
            ["min_duration_ms"] = options.MinStepMs,
            ["max_duration_ms"] = options.MaxStepMs,
        };
        using var response = await service.PostAsJsonAsync("/api/processes/batch", new Dictionary<string, object>
        {
            ["batch_id"] = batchId,
            ["count"] = options.Processes,
            ["name"] = $"fault suite: {scenario}",
            ["behavior"] = new Dictionary<string, object> { ["query"] = step, ["aggregation"] = step, ["render"] = step },
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/processes/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
