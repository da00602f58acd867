using System.Diagnostics.Metrics;
using Npgsql;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Calls <c>sp_refresh_batch_stats</c>, which recounts a batch and promotes its status, and counts
/// the calls (metric <c>processbatching.batch.refreshes</c>) so the coalescing can be checked.
/// </summary>
public sealed class BatchStatsRefresher(IMeterFactory meterFactory)
{
    public const string MeterName = "ProcessBatching";

    private readonly Counter<long> _refreshes =
        meterFactory.Create(MeterName).CreateCounter<long>("processbatching.batch.refreshes", description: "sp_refresh_batch_stats calls");

    private long _calls;

    /// <summary>The calls made by this replica since it started.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public async Task<BatchStats?> RefreshAsync(NpgsqlConnection connection, Guid batchId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        _refreshes.Add(1);
        await using var command = new NpgsqlCommand(
            """
            SELECT status, total_count, completed_count, canceled_count, in_troubleshooting_count,
                   in_progress_count, started_at, completed_at, completed_now
            FROM commandbus.sp_refresh_batch_stats($1, $2)
            """, connection);
        command.Parameters.Add(new() { Value = ProcessBatchCreator.Domain });
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new BatchStats(
            batchId,
            reader.GetString(0),
            reader.GetInt32(1),
            reader.GetInt32(2),
            reader.GetInt32(3),
            reader.GetInt32(4),
            reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            reader.GetBoolean(8));
    }
}
