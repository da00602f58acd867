using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// The last resort for a process whose messages were all lost (a purged process queue takes its
/// start message; a lost step deadline fires again by itself): one that has not moved for two
/// step timeouts and a minute is started again or redriven, as an operator would. Each sweep stamps
/// the rows it takes, so a process is nudged once per such interval at most, and replicas skip each
/// other's rows.
/// </summary>
public sealed class StalledProcessSweep(
    NpgsqlDataSource dataSource,
    IBus bus,
    IEndpointNameFormatter names,
    IOptions<StepTimeoutOptions> options,
    ILogger<StalledProcessSweep> logger) : BackgroundService
{
    private const int RowsPerSweep = 500;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long a sweep waits for the broker to confirm its nudges (<see cref="BrokerConfirms"/>).</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private TimeSpan StalledAfter => options.Value.StepTimeout * 2 + TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Looking for stalled processes failed; trying again at the next turn");
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE commandbus.process p SET updated_at = now()
            WHERE p.process_id IN (
                SELECT process_id FROM commandbus.process
                WHERE status IN ('IN_PROGRESS', 'WAITING_FOR_REPLY', 'COMPENSATING') AND updated_at < now() - $1
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            RETURNING p.process_id, p.status
            """);
        command.Parameters.Add(new() { Value = StalledAfter });
        command.Parameters.Add(new() { Value = RowsPerSweep });
        var stalled = new List<(Guid ProcessId, ProcessStatus Status)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stalled.Add((reader.GetGuid(0), StoryName<ProcessStatus>.Parse(reader.GetString(1))));
            }
        }

        if (stalled.Count == 0)
        {
            return 0;
        }

        // Not confirmed in time, they are found again once they have not moved for StalledAfter.
        var processes = await bus.GetSendEndpoint(ProcessQueue.Address(names));
        await BrokerConfirms.WithinAsync(SendTimeout, $"the nudges of {stalled.Count} stalled processes", confirmed =>
            Task.WhenAll(stalled.Select(process => process.Status == ProcessStatus.InProgress
                ? processes.Send(new StartProcess(process.ProcessId, null, null), confirmed)
                : processes.Send(new RedriveProcess(process.ProcessId), confirmed))),
            cancellationToken);
        logger.LogWarning("Nudged {Count} processes that had not moved for {Interval}", stalled.Count, StalledAfter);
        return stalled.Count;
    }
}
