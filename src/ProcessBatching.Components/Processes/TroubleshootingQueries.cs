using System.Text;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Processes;

/// <summary>Which processes of the troubleshooting queue to list: any combination of batch, step and error code.</summary>
public sealed record TroubleshootingFilter(Guid? BatchId = null, string? Step = null, string? ErrorCode = null)
{
    public static readonly TroubleshootingFilter None = new();
}

/// <summary>How many processes of a batch wait in the troubleshooting queue at a step with an error code.</summary>
public sealed record TroubleshootingGroup(Guid? BatchId, string? BatchName, string? Step, string? ErrorCode, int Count);

/// <summary>
/// The troubleshooting queue across batches: the processes in <c>WAITING_FOR_TSQ</c>, in the order of
/// <c>ix_process_troubleshooting</c> (V012: batch, step, error code, process), so a page and its count
/// are read from that index whatever the filter. A waiting process's step is also its
/// <c>trouble_step</c> (V012), the column that index holds.
/// </summary>
public sealed class TroubleshootingQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The most groups <see cref="GroupsAsync"/> answers (the filters' choices).</summary>
    public const int MaxGroups = 1000;

    private static readonly string Waiting = StoryName<ProcessStatus>.Of(ProcessStatus.InTroubleshootingQueue);

    public async Task<Paged<ProcessSummary>> ListAsync(TroubleshootingFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Only the filters given are in the SQL, so each shape gets a plan of its own on the index.
        var where = new StringBuilder($"status = '{Waiting}'");
        var parameters = new List<object>();
        void Add(string column, object? value)
        {
            if (value is not null)
            {
                parameters.Add(value);
                where.Append($" AND {column} = ${parameters.Count}");
            }
        }

        Add("batch_id", filter.BatchId);
        Add("trouble_step", filter.Step);
        Add("error_code", filter.ErrorCode);

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM commandbus.process WHERE {where}", parameters));
        batch.BatchCommands.Add(Command(
            $"""
            SELECT process_id, batch_id, process_type, status, current_step, error_code, error_message,
                   created_at, updated_at, completed_at
            FROM commandbus.process
            WHERE {where}
            ORDER BY batch_id, trouble_step, error_code, process_id
            LIMIT {pageSize} OFFSET {(page - 1L) * pageSize}
            """, parameters));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ProcessSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ProcessBatchQueries.ReadSummary(reader));
        }

        return new Paged<ProcessSummary>(items, page, pageSize, total);
    }

    /// <summary>The waiting processes counted by batch, step and error code (the filters' choices), at most <see cref="MaxGroups"/>.</summary>
    public async Task<IReadOnlyList<TroubleshootingGroup>> GroupsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT g.batch_id, b.name, g.trouble_step, g.error_code, g.n
            FROM (SELECT batch_id, trouble_step, error_code, count(*)::int AS n
                  FROM commandbus.process WHERE status = '{Waiting}'
                  GROUP BY batch_id, trouble_step, error_code
                  ORDER BY batch_id, trouble_step, error_code
                  LIMIT {MaxGroups}) g
            LEFT JOIN commandbus.batch b ON b.domain = $1 AND b.batch_id = g.batch_id
            ORDER BY g.batch_id, g.trouble_step, g.error_code
            """);
        command.Parameters.Add(new() { Value = ProcessDomain.Name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var groups = new List<TroubleshootingGroup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new TroubleshootingGroup(
                reader.IsDBNull(0) ? null : reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt32(4)));
        }

        return groups;
    }

    private static NpgsqlBatchCommand Command(string sql, List<object> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }
}
