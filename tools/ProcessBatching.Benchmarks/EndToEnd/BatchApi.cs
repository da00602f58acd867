using System.Net.Http.Json;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>The HTTP calls a user makes: start a batch (all steps succeed, no delay), read it.</summary>
public static class BatchApi
{
    public static async Task PostBatchAsync(HttpClient client, Guid batchId, int count)
    {
        using var response = await client.PostAsJsonAsync("/api/processes/batch", new Dictionary<string, object>
        {
            ["batch_id"] = batchId,
            ["count"] = count,
            ["name"] = $"benchmark {count}",
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/processes/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
