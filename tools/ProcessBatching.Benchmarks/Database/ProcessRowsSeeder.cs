using Npgsql;

namespace ProcessBatching.Benchmarks.Database;

/// <summary>
/// Writes an open process batch of any size straight into the run's database with generate_series:
/// a batch mid-run, so a refresh has to count it (a finished batch would return at once).
/// Mix: 60% COMPLETED, 4% CANCELED, 1% WAITING_FOR_TSQ, 20% WAITING_FOR_REPLY, 15% PENDING.
/// </summary>
public static class ProcessRowsSeeder
{
    public static async Task<Guid> SeedAsync(NpgsqlConnection connection, int rows)
    {
        var batchId = Guid.NewGuid();
        await ExecuteAsync(connection, batchId, rows,
            """
            INSERT INTO commandbus.batch (domain, batch_id, name, status, batch_type, total_count, started_at)
            VALUES ('reporting', $1, 'benchmark ' || $2::text, 'IN_PROGRESS', 'PROCESS', $2, now())
            """);
        await ExecuteAsync(connection, batchId, rows,
            """
            INSERT INTO commandbus.process
                (domain, process_id, process_type, status, current_step, state, created_at, updated_at, completed_at, batch_id)
            SELECT 'reporting', gen_random_uuid(), 'StatementReport', s.status,
                   CASE WHEN s.status IN ('WAITING_FOR_REPLY', 'WAITING_FOR_TSQ') THEN 'StatementRender' END,
                   jsonb_build_object('from_date', '2026-03-01', 'to_date', '2026-03-31', 'output_type', 'pdf',
                       'account_list', jsonb_build_array('ACC-' || lpad((i % 100000)::text, 6, '0')),
                       'result_paths', jsonb_build_object('query', '/data/query/' || i || '.json'), 'batch_id', $1::text),
                   now(), now(), CASE WHEN s.status IN ('COMPLETED', 'CANCELED') THEN now() END, $1
            FROM generate_series(0, $2 - 1) AS i
            CROSS JOIN LATERAL (SELECT CASE
                WHEN i % 100 < 60 THEN 'COMPLETED'
                WHEN i % 100 < 64 THEN 'CANCELED'
                WHEN i % 100 < 65 THEN 'WAITING_FOR_TSQ'
                WHEN i % 100 < 85 THEN 'WAITING_FOR_REPLY'
                ELSE 'PENDING' END AS status) s
            """);
        return batchId;
    }

    public static async Task VacuumAnalyzeAsync(NpgsqlConnection connection)
    {
        foreach (var table in new[] { "commandbus.process", "commandbus.batch" })
        {
            await using var command = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Moves a tenth of the batch's WAITING_FOR_REPLY rows on, as sagas do between two vacuums.</summary>
    public static async Task ChurnAsync(NpgsqlConnection connection, Guid batchId, int rows)
    {
        await ExecuteAsync(connection, batchId, rows / 10,
            """
            UPDATE commandbus.process SET status = 'COMPLETED', updated_at = now(), completed_at = now()
            WHERE process_id IN (SELECT process_id FROM commandbus.process
                                 WHERE batch_id = $1 AND status = 'WAITING_FOR_REPLY' LIMIT $2)
            """);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, Guid batchId, int number, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = number });
        await command.ExecuteNonQueryAsync();
    }
}
