using System.Net.Http.Json;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Closes connections on the broker's side through the management API, as a broker restart would, but only those of the test's own virtual host.</summary>
public static class BrokerConnections
{
    /// <summary>Closes every connection to the fixture's current virtual host; answers how many.</summary>
    public static async Task<int> CloseAllAsync(IntegrationFixture fixture)
    {
        using var http = IsolatedServices.ManagementClient(fixture.Services);
        var connections = await http.GetFromJsonAsync<List<Connection>>($"api/vhosts/{fixture.VirtualHost}/connections?columns=name,vhost") ?? [];
        foreach (var connection in connections.Where(c => c.Vhost == fixture.VirtualHost))
        {
            await http.DeleteAsync($"api/connections/{Uri.EscapeDataString(connection.Name)}");
        }

        return connections.Count;
    }

    private sealed record Connection(string Name, string Vhost);
}
