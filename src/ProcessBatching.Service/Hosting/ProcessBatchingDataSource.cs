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

    /// <summary>
    /// Also No Reset On Close, unless the connection string says otherwise: a pooled connection that
    /// had prepared statements is otherwise reset, with its next command, by five statements (CLOSE ALL,
    /// UNLISTEN *, pg_advisory_unlock_all(), DISCARD SEQUENCES, DISCARD TEMP) that PostgreSQL runs on
    /// every open. The service leaves no session state behind to reset: no SET, LISTEN, temporary table
    /// or session advisory lock (the row lock's advisory lock is the transaction's; the migrations run
    /// on a connection of their own), and an open transaction is rolled back on close either way.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Names(connectionString, "maxautoprepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Names(connectionString, "noresetonclose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    /// <summary>Whether the connection string sets <paramref name="keyword"/> (spaces and case aside).</summary>
    private static bool Names(string connectionString, string keyword) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "").Equals(keyword, StringComparison.OrdinalIgnoreCase));
}
