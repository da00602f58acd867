using System.Diagnostics;
using System.Text.Json;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// The queues of the run's own virtual host, through the management API: messages delivered per
/// queue (statistics are sampled, every 5 s by default, so <see cref="SettledAsync"/> waits, bounded,
/// until they stop changing), messages waiting per queue, and purging what an unfinished batch left behind.
/// </summary>
public sealed class BrokerQueues(BenchmarkServers servers)
{
    public async Task<IReadOnlyDictionary<string, long>> DeliveredAsync()
    {
        using var http = servers.ManagementClient();
        var json = await http.GetStringAsync($"api/queues/{servers.VirtualHost}?columns=name,message_stats.deliver_get");
        using var document = JsonDocument.Parse(json);
        // A queue without statistics yet has no "message_stats", or (seen on 3.10) an empty array there.
        return document.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("message_stats", out var stats) && stats.ValueKind == JsonValueKind.Object
                && stats.TryGetProperty("deliver_get", out var count)
                ? count.GetInt64()
                : 0);
    }

    /// <summary>The counts once they stayed the same for longer than one statistics interval (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> SettledAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var stable = Stopwatch.StartNew();
        var last = await DeliveredAsync();
        while (clock.Elapsed < limit && (stable.Elapsed < TimeSpan.FromSeconds(6) || last.Values.Sum() == 0))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var next = await DeliveredAsync();
            if (next.Count != last.Count || next.Any(pair => last.GetValueOrDefault(pair.Key) != pair.Value))
            {
                stable.Restart();
            }

            last = next;
        }

        return last;
    }

    /// <summary>Messages in each queue of the run's virtual host, ready and unacknowledged.</summary>
    public async Task<IReadOnlyDictionary<string, long>> WaitingAsync()
    {
        using var http = servers.ManagementClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{servers.VirtualHost}?columns=name,messages"));
        return document.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : 0);
    }

    /// <summary>Empties every queue of the run's virtual host, so a batch that did not finish does not load the next step.</summary>
    public async Task<long> PurgeAsync()
    {
        var waiting = await WaitingAsync();
        using var http = servers.ManagementClient();
        foreach (var name in waiting.Keys)
        {
            (await http.DeleteAsync($"api/queues/{servers.VirtualHost}/{Uri.EscapeDataString(name)}/contents")).EnsureSuccessStatusCode();
        }

        return waiting.Values.Sum();
    }
}
