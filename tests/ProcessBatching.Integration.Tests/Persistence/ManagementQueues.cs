using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>Queue depths as an operator sees them in the RabbitMQ management UI.</summary>
public static class ManagementQueues
{
    public static async Task<int> MessagesAsync(IntegrationFixture fixture, string prefix, Func<string, bool> which)
    {
        using var http = IsolatedServices.ManagementClient(fixture.Services);
        var queues = await http.GetFromJsonAsync<List<Queue>>($"api/queues/{Uri.EscapeDataString(fixture.VirtualHost)}") ?? [];
        var mine = queues.Where(q => q.Name.StartsWith(prefix)).ToList();
        mine.ShouldNotBeEmpty($"the host's queues start with {prefix}");
        return mine.Where(q => which(q.Name)).Sum(q => q.Messages);
    }

    private sealed record Queue(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] int Messages);
}
