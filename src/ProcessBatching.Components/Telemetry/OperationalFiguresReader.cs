using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProcessBatching.Components.Telemetry;

/// <summary>
/// Reads the gauges' figures with one cheap query every <see cref="TelemetryOptions.GaugeInterval"/>
/// (each part served by an index or a small table), not on every scrape.
/// </summary>
public sealed class OperationalFiguresReader(
    NpgsqlDataSource dataSource,
    OperationalFigures figures,
    ProcessBatchingMetrics metrics,
    IOptions<TelemetryOptions> options,
    ILogger<OperationalFiguresReader> logger) : BackgroundService
{
    // Open batches are few; WAITING_FOR_TSQ is read through the status index; the outbox age as the
    // outbox health check reads it. The dispatch lag reads the small dispatch table, not the process
    // rows: a batch's processes are all written with it, so the oldest batch that still has processes
    // to hand out holds the oldest PENDING process. A batch an operator paused (or canceled) is not
    // waiting on the dispatcher: it does not count.
    private const string Query = """
        SELECT
          (SELECT count(*) FROM commandbus.batch WHERE batch_type = 'PROCESS' AND status IN ('PENDING', 'IN_PROGRESS')),
          (SELECT count(*) FROM commandbus.process WHERE status = 'WAITING_FOR_TSQ'),
          COALESCE((SELECT EXTRACT(EPOCH FROM now() - min(due_at)) FROM commandbus.outbox_state WHERE due_at <= now()), 0)::float8,
          COALESCE((SELECT EXTRACT(EPOCH FROM now() - min(d.created_at)) FROM commandbus.batch_dispatch d
                    JOIN commandbus.batch b ON b.domain = d.domain AND b.batch_id = d.batch_id
                    WHERE b.paused_at IS NULL AND b.cancel_requested_at IS NULL), 0)::float8
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolving the metrics registers the gauges, from the start rather than at the first finished process.
        _ = metrics;
        using var timer = new PeriodicTimer(options.Value.GaugeInterval);
        do
        {
            try
            {
                figures.Update(await ReadAsync(stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Reading the operational figures failed; the gauges keep their last values");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task<OperationalFigures.Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
