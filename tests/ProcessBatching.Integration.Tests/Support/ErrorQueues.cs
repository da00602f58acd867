using System.Net.Http.Json;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>The messages waiting in the virtual host's error queues (the troubleshooting queues among them).</summary>
public static class ErrorQueues
{
    public static async Task<Dictionary<string, uint>> CountAsync(IntegrationFixture fixture, RabbitProbe rabbit)
    {
        using var http = IsolatedServices.ManagementClient(fixture.Services);
        var queues = await http.GetFromJsonAsync<List<QueueName>>($"api/queues/{fixture.VirtualHost}?columns=name") ?? [];
        var counts = new Dictionary<string, uint>();
        foreach (var queue in queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)))
        {
            // The management API's counts lag by seconds; the queue itself answers at once.
            counts[queue.Name] = await rabbit.CountAsync(queue.Name);
        }

        return counts;
    }

    private sealed record QueueName(string Name);
}
