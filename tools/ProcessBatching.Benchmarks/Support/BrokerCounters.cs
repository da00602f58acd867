using System.Diagnostics;
using System.Text.Json;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// Messages delivered per queue of the run's virtual host, from the management API. Its statistics
/// are sampled (every 5 s by default), so <see cref="SettledAsync"/> waits, bounded, until two
/// readings agree.
/// </summary>
public sealed class BrokerCounters(BenchmarkServers servers)
{
    public async Task<IReadOnlyDictionary<string, long>> DeliveredAsync()
    {
        using var http = servers.ManagementClient();
        var json = await http.GetStringAsync($"api/queues/{servers.VirtualHost}?columns=name,message_stats.deliver_get");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("deliver_get", out var count)
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
}
