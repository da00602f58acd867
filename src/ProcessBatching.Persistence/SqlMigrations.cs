using System.Reflection;
using EvolveDb;
using EvolveDb.Migration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ProcessBatching.Persistence;

/// <summary>
/// Applies the SQL scripts embedded in an assembly: versioned ones (<c>V001__name.sql</c>) once, in
/// order, and repeatable ones (<c>R__name.sql</c>) whenever they change; checksums are kept in
/// <c>{schema}.changelog</c>. Evolve's cluster mode takes an advisory lock, so replicas that start
/// together migrate once.
/// </summary>
public static class SqlMigrations
{
    public static void Apply(
        string connectionString, Assembly scripts, string resourceNamespace, string schema, ILogger logger, string? targetVersion = null)
    {
        using var connection = new NpgsqlConnection(connectionString);
        var evolve = new Evolve(connection, message => logger.LogInformation("{Migration}", message))
        {
            EmbeddedResourceAssemblies = [scripts],
            EmbeddedResourceFilters = [resourceNamespace],
            Schemas = [schema],
            MetadataTableSchema = schema,
            MetadataTableName = "changelog",
            IsEraseDisabled = true,
            EnableClusterMode = true,
        };
        if (targetVersion is not null)
        {
            evolve.TargetVersion = new MigrationVersion(targetVersion);
        }

        evolve.Migrate();
        logger.LogInformation("Database schema {Schema} is at the latest version ({Applied} applied now)", schema, evolve.NbMigration);
    }
}
