using Npgsql;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// What PostgreSQL did for the run's database between two snapshots: commits (<c>pg_stat_database</c>),
/// WAL bytes (the whole server's, so another user of the same server counts too) and rows inserted,
/// updated and deleted per table (<c>pg_stat_user_tables</c>). The statistics are flushed by each
/// backend at most once a second, so take the second snapshot a few seconds after the work ended.
/// </summary>
public sealed record PgActivity(long Commits, long WalBytes, IReadOnlyDictionary<string, long> RowsWritten)
{
    /// <summary>Queries this tool sent (each its own transaction), to take out of the commits it counted.</summary>
    public static long ToolQueries;

    public static async Task<PgActivity> SnapshotAsync(BenchmarkServers servers)
    {
        await using var connection = await servers.OpenAsync();
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        long commits, wal;
        await using (var command = new NpgsqlCommand(
            "SELECT xact_commit, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint FROM pg_stat_database WHERE datname = current_database()", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (commits, wal) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var rows = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE schemaname = 'commandbus'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new PgActivity(commits - Interlocked.Read(ref ToolQueries), wal, rows);
    }

    /// <summary>"commits 8.1, WAL 6.2 kB, rows written 9.0 (process 3.0, outbox_message 2.0, …)" per process.</summary>
    public static string PerProcess(PgActivity before, PgActivity after, long processes)
    {
        var rows = after.RowsWritten
            .Select(pair => (Table: pair.Key, Rows: pair.Value - before.RowsWritten.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Rows > 0)
            .OrderByDescending(pair => pair.Rows)
            .ToList();
        var n = Math.Max(processes, 1);
        return $"commits {(double)(after.Commits - before.Commits) / n:F1}, WAL {(after.WalBytes - before.WalBytes) / 1024.0 / n:F1} kB, " +
            $"rows written {(double)rows.Sum(pair => pair.Rows) / n:F1} (" +
            string.Join(", ", rows.Select(pair => $"{pair.Table} {(double)pair.Rows / n:F1}")) + ")";
    }
}
