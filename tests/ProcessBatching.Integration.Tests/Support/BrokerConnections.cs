using System.Net.Http.Json;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Closes connections on the broker's side through the management API, as a broker restart would, but only those of the test's own virtual host.</summary>
public static class BrokerConnections
{
    /// <summary>Closes every connection to the fixture's current virtual host; answers how many it closed (the management API lists a new connection a moment late, a closed one a moment long).</summary>
    public static async Task<int> CloseAllAsync(IntegrationFixture fixture)
    {
        using var http = IsolatedServices.ManagementClient(fixture.Services);
        var connections = await http.GetFromJsonAsync<List<Connection>>($"api/vhosts/{fixture.VirtualHost}/connections?columns=name,vhost") ?? [];
        var closed = 0;
        foreach (var connection in connections.Where(c => c.Vhost == fixture.VirtualHost))
        {
            using var response = await http.DeleteAsync($"api/connections/{Uri.EscapeDataString(connection.Name)}");
            closed += response.IsSuccessStatusCode ? 1 : 0;
        }

        return closed;
    }

    /// <summary>
    /// Takes the user's access to the fixture's virtual host away and closes its connections: until
    /// <see cref="AdmitAsync"/>, every attempt to connect fails, as while a broker is down.
    /// </summary>
    public static async Task RefuseAsync(IntegrationFixture fixture)
    {
        using var http = IsolatedServices.ManagementClient(fixture.Services);
        (await http.DeleteAsync($"api/permissions/{fixture.VirtualHost}/{fixture.Services.RabbitUsername}")).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => CloseAllAsync(fixture), closed => closed > 0, TimeSpan.FromSeconds(30), "a connection to close");
    }

    /// <summary>Gives the access <see cref="RefuseAsync"/> took back.</summary>
    public static Task AdmitAsync(IntegrationFixture fixture) => IsolatedServices.GrantAsync(fixture.Services, fixture.VirtualHost);

    private sealed record Connection(string Name, string Vhost);
}
