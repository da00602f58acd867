using Npgsql;
using NpgsqlTypes;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Batches;

/// <summary>Read side of batches for the API and the pages: paged, index-backed queries only.</summary>
public sealed class ProcessBatchQueries(NpgsqlDataSource dataSource)
{
    private const string BatchColumns =
        """
        batch_id, name, batch_type, status, total_count, completed_count, canceled_count,
        in_troubleshooting_count, created_at, started_at, completed_at, paused_at, cancel_requested_at, parent_batch_id
        """;

    /// <summary>The batch as stored; readers that show counts ask <see cref="BatchOwner.GetAsync"/>.</summary>
    public async Task<BatchView?> GetBatchAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(GetBatchCommand(batchId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadBatch(reader) : null;
    }

    internal static NpgsqlBatchCommand GetBatchCommand(Guid batchId) =>
        new($"SELECT {BatchColumns} FROM commandbus.batch WHERE domain = $1 AND batch_id = $2")
        {
            Parameters = { new() { Value = ProcessDomain.Name }, new() { Value = batchId } },
        };

    /// <summary>The batch's operator actions (pause, cancel, …), oldest first, the latest <see cref="BatchAudit.Shown"/>.</summary>
    public Task<IReadOnlyList<BatchOperatorAction>> OperatorActionsAsync(Guid batchId, CancellationToken cancellationToken) =>
        BatchAudit.ReadAsync(dataSource, batchId, cancellationToken);

    /// <summary>Batches not finished yet, of both types.</summary>
    internal Task<List<Guid>> OpenBatchIdsAsync(CancellationToken cancellationToken) =>
        BatchIdsAsync("SELECT batch_id FROM commandbus.batch WHERE status = ANY($1)", cancellationToken,
            StoryName<BatchStatus>.Of(Enum.GetValues<BatchStatus>().Where(status => status.IsOpen())));

    /// <summary>Finished process batches whose completion was never written.</summary>
    internal Task<List<Guid>> UnannouncedBatchIdsAsync(CancellationToken cancellationToken) =>
        BatchIdsAsync(
            "SELECT batch_id FROM commandbus.batch WHERE completed_at IS NOT NULL AND completion_published_at IS NULL AND batch_type = $1",
            cancellationToken, StoryName<BatchType>.Of(BatchType.Process));

    private async Task<List<Guid>> BatchIdsAsync(string sql, CancellationToken cancellationToken, object parameter)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<Paged<BatchView>> ListProcessBatchesAsync(BatchStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        const string filter = "domain = $1 AND batch_type = 'PROCESS' AND ($2::text IS NULL OR status = $2)";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM commandbus.batch WHERE {filter}", status));
        batch.BatchCommands.Add(Command(
            $"SELECT {BatchColumns} FROM commandbus.batch WHERE {filter} ORDER BY created_at DESC, batch_id LIMIT $3 OFFSET $4",
            status, pageSize, (page - 1L) * pageSize));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<BatchView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadBatch(reader));
        }

        return new Paged<BatchView>(items, page, pageSize, total);
    }

    public async Task<Paged<ProcessSummary>> ListProcessesAsync(
        Guid batchId, int totalInBatch, ProcessStatus? filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var request = new ProcessPageRequest(filter, page, pageSize);
        await using var batch = dataSource.CreateBatch();
        request.AddTo(batch, batchId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await request.ReadAsync(reader, totalInBatch, cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, BatchStatus? status, params object[] more)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = ProcessDomain.Name });
        command.Parameters.Add(new() { Value = status is { } wanted ? StoryName<BatchStatus>.Of(wanted) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        foreach (var value in more)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }

    internal static BatchView ReadBatch(NpgsqlDataReader reader)
    {
        var batchType = StoryName<BatchType>.Parse(reader.GetString(2));
        var total = reader.GetInt32(4);
        var completed = reader.GetInt32(5);
        var failed = reader.GetInt32(6);
        var blocked = reader.GetInt32(7);
        return new BatchView(
            reader.GetGuid(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            batchType,
            StoryName<BatchStatus>.Parse(reader.GetString(3)),
            total,
            completed,
            failed,
            Math.Max(0, total - completed - failed),
            blocked,
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
            reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
            reader.IsDBNull(13) ? null : reader.GetGuid(13));
    }

    /// <summary>A process row of a list, read in the column order both process lists select.</summary>
    public static ProcessSummary ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.IsDBNull(1) ? null : reader.GetGuid(1),
        reader.GetString(2),
        StoryName<ProcessStatus>.Parse(reader.GetString(3)),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));
}

/// <summary>A page of a batch's processes, of one status or all, in process id order.</summary>
public sealed record ProcessPageRequest(ProcessStatus? Filter, int Page, int PageSize)
{
    private string? Status => Filter is { } wanted ? StoryName<ProcessStatus>.Of(wanted) : null;

    /// <summary>Adds the page's statements to <paramref name="batch"/>: the status's count first when filtered.</summary>
    internal void AddTo(NpgsqlBatch batch, Guid batchId)
    {
        var status = Status;
        if (status is not null)
        {
            // Counting one status walks only that part of ix_process_batch_status.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM commandbus.process WHERE batch_id = $1 AND status = $2")
            {
                Parameters = { new() { Value = batchId }, new() { Value = status } },
            });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT process_id, batch_id, process_type, status, current_step, error_code, error_message,
                   created_at, updated_at, completed_at
            FROM commandbus.process
            WHERE batch_id = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY process_id
            LIMIT $3 OFFSET $4
            """)
        {
            Parameters =
            {
                new() { Value = batchId },
                new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = PageSize },
                new() { Value = (Page - 1L) * PageSize },
            },
        });
    }

    /// <summary>
    /// The page <see cref="AddTo"/> selected, out of <paramref name="totalInBatch"/> when not filtered;
    /// leaves the reader at the next result.
    /// </summary>
    internal async Task<Paged<ProcessSummary>> ReadAsync(NpgsqlDataReader reader, long totalInBatch, CancellationToken cancellationToken)
    {
        var total = totalInBatch;
        if (Filter is not null)
        {
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
        }

        var items = new List<ProcessSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ProcessBatchQueries.ReadSummary(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        return new Paged<ProcessSummary>(items, Page, PageSize, total);
    }
}
