using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// A database and a RabbitMQ virtual host of their own for one test fixture, so fixtures (and
/// developers running tests side by side) never see each other's rows or queues.
/// </summary>
public static class IsolatedServices
{
    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<string> CreateDatabaseAsync(ServiceSettings settings, string name)
    {
        await using var connection = new NpgsqlConnection(settings.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(ServiceSettings settings, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(settings.PostgresConnectionString);
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (attempt < 5 && exception.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker in the database, which only pg_signal_backend may end: it finishes soon.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public static async Task CreateVirtualHostAsync(ServiceSettings settings, string vhost)
    {
        using var http = ManagementClient(settings);
        (await http.PutAsync($"api/vhosts/{vhost}", Json("{}"))).EnsureSuccessStatusCode();
        await GrantAsync(settings, vhost);
    }

    /// <summary>Gives the settings' user every permission on <paramref name="vhost"/>.</summary>
    public static async Task GrantAsync(ServiceSettings settings, string vhost)
    {
        using var http = ManagementClient(settings);
        var permissions = Json("""{"configure":".*","write":".*","read":".*"}""");
        (await http.PutAsync($"api/permissions/{vhost}/{settings.RabbitUsername}", permissions)).EnsureSuccessStatusCode();
    }

    public static async Task DeleteVirtualHostAsync(ServiceSettings settings, string vhost)
    {
        using var http = ManagementClient(settings);
        await http.DeleteAsync($"api/vhosts/{vhost}");
    }

    public static HttpClient ManagementClient(ServiceSettings settings)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{settings.RabbitHost}:{settings.RabbitManagementPort}/") };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.RabbitUsername}:{settings.RabbitPassword}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
