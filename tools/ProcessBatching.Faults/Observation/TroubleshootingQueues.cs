using System.Text;
using System.Text.Json;

namespace ProcessBatching.Faults.Observation;

/// <summary>
/// Every <c>_error</c> queue of the scenario's virtual host (the troubleshooting queues), listed through
/// the management API and drained with basic.get, with the fault reason of the first message of each.
/// </summary>
public static class TroubleshootingQueues
{
    public sealed record Parked(string Queue, int Messages, string FirstReason);

    public static async Task<IReadOnlyList<Parked>> DrainAsync(string virtualHost)
    {
        using var http = Servers.ScenarioServers.ManagementClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}?columns=name"));
        var queues = document.RootElement.EnumerateArray()
            .Select(queue => queue.GetProperty("name").GetString()!)
            .Where(name => name.EndsWith("_error", StringComparison.Ordinal))
            .ToList();

        var (connection, channel) = await BrokerChannel.OpenAsync(virtualHost);
        await using (connection)
        await using (channel)
        {
            var parked = new List<Parked>();
            foreach (var queue in queues)
            {
                var messages = await BrokerChannel.DrainAsync(channel, queue);
                if (messages.Count > 0)
                {
                    parked.Add(new Parked(queue, messages.Count, Reason(messages[0].BasicProperties.Headers)));
                }
            }

            return parked;
        }
    }

    /// <summary>
    /// MassTransit puts the exception on the message it moves to <c>_error</c>, and how many in-process
    /// retries it made: all of them means the retry policy gave up, fewer that something cut them short.
    /// </summary>
    private static string Reason(IDictionary<string, object?>? headers)
    {
        string? Header(string name) => headers?.TryGetValue(name, out var value) == true
            ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
            : null;
        var reason = $"{Header("MT-Fault-ExceptionType")}: {Header("MT-Fault-Message")}".Trim(' ', ':');
        if (Header("MT-Fault-RetryCount") is { } retries)
        {
            reason = $"after {retries} retries, {reason}";
        }

        return reason.Length > 160 ? reason[..160] + "…" : reason;
    }
}
