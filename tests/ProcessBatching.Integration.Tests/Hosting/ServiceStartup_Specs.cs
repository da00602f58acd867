using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Hosting;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_service_starts_against_an_empty_database(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly string _databaseName = IsolatedServices.NewName("pb_empty");
    private string _connectionString = "";

    public async Task InitializeAsync() =>
        _connectionString = await IsolatedServices.CreateDatabaseAsync(fixture.Services, _databaseName);

    public Task DisposeAsync() => IsolatedServices.DropDatabaseAsync(fixture.Services, _databaseName);

    [Fact]
    public async Task Should_migrate_it_report_ready_and_connect_the_bus()
    {
        var configuration = new Dictionary<string, string?>(fixture.ServiceConfiguration())
        {
            ["ConnectionStrings:ProcessBatching"] = _connectionString,
        };
        await using var service = new ServiceFactory(configuration);
        using var client = service.CreateClient();

        // The bus connects in the background after the host starts; readiness says when it has.
        var (status, body) = await Eventually.GetAsync(client, "/health/ready", r => r.StatusCode == HttpStatusCode.OK);

        status.ShouldBe(HttpStatusCode.OK, body);
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().ShouldBe("Healthy", body);
        var bus = service.Services.GetRequiredService<IBusControl>();
        var health = bus.CheckHealth();
        health.Status.ShouldBe(BusHealthStatus.Healthy, health.Description);
        (await LatestSchemaVersionAsync()).ShouldNotBeNull();
    }

    private async Task<string?> LatestSchemaVersionAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT max(version) FROM commandbus.changelog WHERE success", connection);
        return (await command.ExecuteScalarAsync()) as string;
    }
}
