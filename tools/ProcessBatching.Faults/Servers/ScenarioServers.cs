using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace ProcessBatching.Faults.Servers;

/// <summary>
/// One scenario's database and virtual host on the suite's own servers. Named after the scenario, so a
/// failed scenario's rows and queues can be read afterwards; the next run drops them before it starts.
/// </summary>
public sealed class ScenarioServers
{
    private ScenarioServers(string scenario)
    {
        Database = $"pb_faults_{scenario.Replace('-', '_')}";
        VirtualHost = $"pb-faults-{scenario}";
        ConnectionString = new NpgsqlConnectionStringBuilder(FaultServices.ServerConnectionString)
        {
            Database = Database,
            Pooling = true,
            // Npgsql's default: the suite's short timeout (for its own reads) would fail a service starting on a busy machine.
            Timeout = 15,
        }.ConnectionString;
    }

    public string Database { get; }
    public string VirtualHost { get; }
    public string ConnectionString { get; }

    public static async Task<ScenarioServers> CreateAsync(string scenario)
    {
        var servers = new ScenarioServers(scenario);
        await servers.DropAsync();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{servers.Database}\"");
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{servers.VirtualHost}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{servers.VirtualHost}/{FaultServices.RabbitUser}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return servers;
    }

    /// <summary>The service's settings, pointed at this scenario's database and virtual host.</summary>
    public IReadOnlyDictionary<string, string> ServiceConfiguration() => new Dictionary<string, string>
    {
        ["ConnectionStrings__ProcessBatching"] = ConnectionString,
        ["RabbitMq__Host"] = FaultServices.Host,
        ["RabbitMq__Port"] = FaultServices.AmqpPort.ToString(),
        ["RabbitMq__VirtualHost"] = VirtualHost,
        ["RabbitMq__Username"] = FaultServices.RabbitUser,
        ["RabbitMq__Password"] = FaultServices.RabbitPassword,
        ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
        // The service runs as Production, which refuses to start without authentication unless told;
        // it listens on a loopback port and only this run calls it.
        ["Auth__Disabled"] = "true",
    };

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static HttpClient ManagementClient()
    {
        var http = new HttpClient
        {
            BaseAddress = new Uri($"http://{FaultServices.Host}:{FaultServices.ManagementPort}/"),
            Timeout = TimeSpan.FromSeconds(15),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FaultServices.RabbitUser}:{FaultServices.RabbitPassword}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{VirtualHost}");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(FaultServices.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
