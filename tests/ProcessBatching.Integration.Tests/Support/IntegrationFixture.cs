using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProcessBatching.Components.Persistence;
using Respawn;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// One per test collection: resolves where PostgreSQL and RabbitMQ are (environment, else
/// containers when Docker answers, else the local defaults), then gives the collection its own
/// migrated database and virtual host. <see cref="ResetAsync"/> empties the tables between tests.
/// </summary>
public sealed class IntegrationFixture : IAsyncLifetime
{
    private ContainerServices? _containers;
    private Respawner? _respawner;

    public ServiceSettings Services { get; private set; } = ServiceSettings.LocalDefaults();
    public string DatabaseName { get; } = IsolatedServices.NewName("pb_test");
    /// <summary>The virtual host of the current test: a new one after every <see cref="ResetAsync"/>.</summary>
    public string VirtualHost { get; private set; } = IsolatedServices.NewName("pb-test");
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var given = ServiceSettings.FromEnvironment();
        if (given is null)
        {
            _containers = await ContainerServices.TryStartAsync();
        }

        Services = given ?? _containers?.Settings ?? ServiceSettings.LocalDefaults();
        ConnectionString = await IsolatedServices.CreateDatabaseAsync(Services, DatabaseName);
        DatabaseMigrator.Migrate(ConnectionString, NullLogger.Instance);
        await IsolatedServices.CreateVirtualHostAsync(Services, VirtualHost);
    }

    /// <summary>Configuration for a service host pointed at this fixture's database and vhost.</summary>
    public IReadOnlyDictionary<string, string?> ServiceConfiguration(string? roles = null) => new Dictionary<string, string?>
    {
        ["Roles"] = roles,
        ["ConnectionStrings:ProcessBatching"] = ConnectionString,
        ["RabbitMq:Host"] = Services.RabbitHost,
        ["RabbitMq:Port"] = Services.RabbitPort.ToString(),
        ["RabbitMq:VirtualHost"] = VirtualHost,
        ["RabbitMq:Username"] = Services.RabbitUsername,
        ["RabbitMq:Password"] = Services.RabbitPassword,
        // A service under test must not end the test run's process (it sets the exit code).
        ["Watchdog:StopServiceBeyondHealing"] = "false",
    };

    /// <summary>The service's DbContext on this fixture's database, for specs that drive the persistence code directly.</summary>
    public ProcessBatchingDbContext NewDbContext() => new(new DbContextOptionsBuilder<ProcessBatchingDbContext>()
        .UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention().Options);

    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ResetAsync()
    {
        await using var connection = await OpenConnectionAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = [DatabaseMigrator.Schema],
            TablesToIgnore = [new Respawn.Graph.Table(DatabaseMigrator.Schema, "changelog")],
        });
        // A service an earlier test stopped may still be committing a message while the tables are
        // emptied; PostgreSQL then aborts one of the two as a deadlock. The emptying is one
        // statement batch, rolled back whole, so it is simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner.ResetAsync(connection);
                break;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
            }
        }

        // A fresh virtual host rather than emptied queues: deleting the old one also closes any
        // connection a stopped service left behind, so nothing of an earlier test can take this
        // test's messages.
        var previous = VirtualHost;
        VirtualHost = IsolatedServices.NewName("pb-test");
        await IsolatedServices.CreateVirtualHostAsync(Services, VirtualHost);
        await IsolatedServices.DeleteVirtualHostAsync(Services, previous);
    }

    public async Task DisposeAsync()
    {
        await IsolatedServices.DropDatabaseAsync(Services, DatabaseName);
        await IsolatedServices.DeleteVirtualHostAsync(Services, VirtualHost);
        if (_containers is not null)
        {
            await _containers.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<IntegrationFixture>
{
    public const string Name = "Integration";
}
