using System.Net.Http.Json;
using System.Text.Json;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// The messages in the virtual host's error and skipped queues (the troubleshooting queues among them),
/// asked of the queues themselves: the management API's <c>messages</c> figures lag by seconds.
/// </summary>
public static class ErrorQueues
{
    /// <summary>Ready messages per error or skipped queue of the endpoints whose names start with <paramref name="prefix"/>.</summary>
    public static async Task<Dictionary<string, uint>> CountAsync(IntegrationFixture fixture, RabbitProbe rabbit, string prefix = "")
    {
        var counts = new Dictionary<string, uint>();
        foreach (var queue in await NamesAsync(fixture, prefix))
        {
            counts[queue] = await rabbit.CountAsync(queue);
        }

        return counts;
    }

    /// <summary>
    /// Takes every message from the error and skipped queues (basic.get until empty), so a spec that
    /// says "no faults" shows what faulted when it fails.
    /// </summary>
    public static async Task<Dictionary<string, List<JsonElement>>> DrainAsync(IntegrationFixture fixture, RabbitProbe rabbit, string prefix = "")
    {
        var messages = new Dictionary<string, List<JsonElement>>();
        foreach (var queue in await NamesAsync(fixture, prefix))
        {
            messages[queue] = await rabbit.TakeAllAsync(queue);
        }

        return messages;
    }

    /// <summary>
    /// The error and skipped queue of every endpoint queue: named from the endpoints rather than taken
    /// from the listing, so one created a moment ago is asked too.
    /// </summary>
    private static async Task<List<string>> NamesAsync(IntegrationFixture fixture, string prefix)
    {
        using var http = IsolatedServices.ManagementClient(fixture.Services);
        var queues = await http.GetFromJsonAsync<List<QueueName>>(
            $"api/queues/{Uri.EscapeDataString(fixture.VirtualHost)}?columns=name") ?? [];
        var endpoints = queues.Select(q => q.Name)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && !name.StartsWith("probe-", StringComparison.Ordinal))
            .Select(name => name.EndsWith("_error", StringComparison.Ordinal) ? name[..^"_error".Length]
                : name.EndsWith("_skipped", StringComparison.Ordinal) ? name[..^"_skipped".Length]
                : name)
            .Distinct()
            .ToList();
        endpoints.ShouldNotBeEmpty($"the virtual host has endpoint queues starting with '{prefix}'");
        return [.. endpoints.SelectMany(name => new[] { $"{name}_error", $"{name}_skipped" })];
    }

    private sealed record QueueName(string Name);
}
