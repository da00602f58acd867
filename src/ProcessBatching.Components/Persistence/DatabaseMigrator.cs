using EvolveDb;
using EvolveDb.Migration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ProcessBatching.Components.Persistence;

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly (Flyway naming, checksums kept in
/// <c>commandbus.changelog</c>). Evolve's cluster mode takes an advisory lock, so replicas that
/// start together migrate once.
/// </summary>
public static class DatabaseMigrator
{
    public const string Schema = "commandbus";

    public static void Migrate(string connectionString, ILogger logger, string? targetVersion = null)
    {
        using var connection = new NpgsqlConnection(connectionString);
        var evolve = new Evolve(connection, message => logger.LogInformation("{Migration}", message))
        {
            EmbeddedResourceAssemblies = [typeof(DatabaseMigrator).Assembly],
            EmbeddedResourceFilters = [typeof(DatabaseMigrator).Namespace + ".Migrations"],
            Schemas = [Schema],
            MetadataTableSchema = Schema,
            MetadataTableName = "changelog",
            IsEraseDisabled = true,
            EnableClusterMode = true,
        };
        if (targetVersion is not null)
        {
            evolve.TargetVersion = new MigrationVersion(targetVersion);
        }

        evolve.Migrate();
        logger.LogInformation("Database schema {Schema} is at the latest version ({Applied} applied now)", Schema, evolve.NbMigration);
    }
}
