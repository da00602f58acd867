using ProcessBatching.Components.Persistence;

namespace ProcessBatching.Service.Hosting;

/// <summary>
/// Migrates the database when the host starts. Registered before the bus, so no consumer runs
/// against an old schema; readiness and the startup probe wait for it (<see cref="SchemaMigration"/>).
/// </summary>
public sealed class DatabaseMigrationService(IConfiguration configuration, SchemaMigration migration, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            DatabaseMigrator.Migrate(configuration.GetMigrationConnectionString(), logger);
            migration.Complete();
        }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
