using System.Text.Json;
using ProcessBatching.Faults.Servers;
using ProcessBatching.Faults.Service;

namespace ProcessBatching.Faults.Observation;

/// <summary>
/// Why a batch did not finish, as an operator would look: queues holding messages or without a consumer
/// (management API, sampled every few seconds, good enough here), and what /health/ready said meanwhile.
/// </summary>
public static class StuckEvidence
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(ScenarioServers servers, IReadOnlyList<ServiceReplica> replicas)
    {
        var evidence = new List<string>();
        try
        {
            using var http = ScenarioServers.ManagementClient();
            using var document = JsonDocument.Parse(await http.GetStringAsync(
                $"api/queues/{Uri.EscapeDataString(servers.VirtualHost)}?columns=name,messages_ready,messages_unacknowledged,consumers"));
            var queues = document.RootElement.EnumerateArray()
                .Select(queue => (
                    Name: queue.GetProperty("name").GetString()!,
                    Ready: Number(queue, "messages_ready"),
                    Unacked: Number(queue, "messages_unacknowledged"),
                    Consumers: Number(queue, "consumers")))
                .Where(queue => !queue.Name.EndsWith("_error", StringComparison.Ordinal) && !queue.Name.EndsWith("_skipped", StringComparison.Ordinal)
                    && !queue.Name.StartsWith("faults-", StringComparison.Ordinal) && (queue.Ready + queue.Unacked > 0 || queue.Consumers == 0))
                .Select(queue => $"{queue.Name} {queue.Ready} ready/{queue.Unacked} unacked/{queue.Consumers} consumers");
            evidence.Add("queues: " + string.Join(", ", queues.DefaultIfEmpty("all empty, every one consumed")));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            evidence.Add($"queues unreadable: {exception.Message}");
        }

        foreach (var replica in replicas)
        {
            evidence.Add($"{replica.Name} /health/ready: {await ReadinessAsync(replica.Client)}");
        }

        return evidence;
    }

    private static long Number(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static async Task<string> ReadinessAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            return $"{(int)response.StatusCode} {(body.Length > 120 ? body[..120] + "…" : body)}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return $"no answer ({exception.Message})";
        }
    }
}
