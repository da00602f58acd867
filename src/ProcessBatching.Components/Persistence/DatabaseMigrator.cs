using Microsoft.Extensions.Logging;
using ProcessBatching.Persistence;

namespace ProcessBatching.Components.Persistence;

/// <summary>This service's schema: the scripts in <c>Persistence/Migrations</c>, applied by <see cref="SqlMigrations"/>.</summary>
public static class DatabaseMigrator
{
    public const string Schema = PersistenceSchema.Name;

    public static void Migrate(string connectionString, ILogger logger, string? targetVersion = null) =>
        SqlMigrations.Apply(
            connectionString, typeof(DatabaseMigrator).Assembly, typeof(DatabaseMigrator).Namespace + ".Migrations", Schema, logger, targetVersion);
}
