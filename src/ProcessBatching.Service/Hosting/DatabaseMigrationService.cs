using ProcessBatching.Components.Persistence;

namespace ProcessBatching.Service.Hosting;

/// <summary>
/// Migrates the database when the host starts. Registered before the bus, so no consumer runs
/// against an old schema.
/// </summary>
public sealed class DatabaseMigrationService(IConfiguration configuration, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => DatabaseMigrator.Migrate(configuration.GetMigrationConnectionString(), logger), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
