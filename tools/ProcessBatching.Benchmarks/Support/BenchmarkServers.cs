using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProcessBatching.Components.Persistence;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// The run's own database (migrated) and RabbitMQ virtual host, created at the start and dropped at
/// the end as the integration fixture does, so a run never sees or disturbs anyone else's rows or queues.
/// </summary>
public sealed class BenchmarkServers : IAsyncDisposable
{
    private BenchmarkServers(ServerSettings settings, string suffix)
    {
        Settings = settings;
        Database = $"pb_bench_{suffix}";
        VirtualHost = $"pb-bench-{suffix}";
        ConnectionString = settings.ConnectionStringFor(Database);
    }

    public ServerSettings Settings { get; }
    public string Database { get; }
    public string VirtualHost { get; }
    public string ConnectionString { get; }

    public static async Task<BenchmarkServers> CreateAsync(ServerSettings settings)
    {
        var servers = new BenchmarkServers(settings, Guid.NewGuid().ToString("N")[..12]);
        await servers.ExecuteOnServerAsync($"CREATE DATABASE \"{servers.Database}\"");
        DatabaseMigrator.Migrate(servers.ConnectionString, NullLogger.Instance);
        using var http = servers.ManagementClient();
        (await http.PutAsync($"api/vhosts/{servers.VirtualHost}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{servers.VirtualHost}/{settings.RabbitUsername}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return servers;
    }

    /// <summary>The service's configuration keys, pointed at this run's database and virtual host.</summary>
    public IReadOnlyDictionary<string, string> ServiceConfiguration() => new Dictionary<string, string>
    {
        ["ConnectionStrings__ProcessBatching"] = ConnectionString,
        ["RabbitMq__Host"] = Settings.RabbitHost,
        ["RabbitMq__Port"] = Settings.RabbitPort.ToString(),
        ["RabbitMq__VirtualHost"] = VirtualHost,
        ["RabbitMq__Username"] = Settings.RabbitUsername,
        ["RabbitMq__Password"] = Settings.RabbitPassword,
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

    public HttpClient ManagementClient()
    {
        var http = new HttpClient
        {
            BaseAddress = new Uri($"http://{Settings.RabbitHost}:{Settings.RabbitManagementPort}/"),
            Timeout = TimeSpan.FromSeconds(15),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Settings.RabbitUsername}:{Settings.RabbitPassword}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
                break;
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker in the database, which only pg_signal_backend may end: it finishes soon.
                if (attempt == 5)
                {
                    Console.Error.WriteLine($"Could not drop the benchmark database {Database}: {exception.MessageText}");
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{VirtualHost}");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Settings.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
