using System.Data.Common;
using Npgsql;

namespace ProcessBatching.Service.Hosting;

/// <summary>The service's one PostgreSQL data source (pooled connections), shared by EF Core, queries and health checks.</summary>
public static class ProcessBatchingDataSource
{
    /// <summary>
    /// Statements a connection runs often are prepared on it, unless the connection string says
    /// otherwise: each saga message runs the same handful (inbox claim, row lock, updates, outbox
    /// inserts), and PostgreSQL then skips parsing and planning them (a quarter of its CPU per process,
    /// docs/performance.md).
    /// </summary>
    public const int MaxAutoPrepare = 64;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Names(connectionString, "maxautoprepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.Build();
    }

    /// <summary>Whether the connection string sets <paramref name="keyword"/> (spaces and case aside).</summary>
    private static bool Names(string connectionString, string keyword) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "").Equals(keyword, StringComparison.OrdinalIgnoreCase));
}
