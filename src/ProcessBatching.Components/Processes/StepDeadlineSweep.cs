using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// Fires step deadlines: a process still waiting for a command's reply after its row's
/// <c>step_due_at</c> is sent <see cref="StepTimedOut"/> for that command and attempt, and sends the
/// command again or gives up (<c>TIMEOUT</c>). The message goes through the outbox in the transaction
/// that moves the deadline one step timeout on, so a deadline is never lost: should its message be
/// (a purged queue), it fires again then, and a copy for an attempt already past is ignored.
/// Replicas skip each other's rows.
/// </summary>
public sealed class StepDeadlineSweep(
    IServiceScopeFactory scopes,
    IEndpointNameFormatter names,
    IOptions<StepTimeoutOptions> options,
    ILogger<StepDeadlineSweep> logger) : BackgroundService
{
    private const int RowsPerSweep = 500;

    // Through ix_process_status: only the processes waiting for a reply are read (V013).
    private const string TakeDue = """
        UPDATE commandbus.process p SET step_due_at = now() + $1
        WHERE p.process_id IN (
            SELECT process_id FROM commandbus.process
            WHERE status IN ('WAITING_FOR_REPLY', 'COMPENSATING') AND step_due_at <= now()
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
        RETURNING p.process_id, (p.state ->> 'current_command_id')::uuid, (p.state ->> 'command_attempt')::int
        """;

    /// <summary>How late a deadline may fire: a tenth of the step timeout, from 100 ms to 10 s.</summary>
    public TimeSpan SweepInterval =>
        TimeSpan.FromTicks(Math.Clamp(options.Value.StepTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SweepAsync(stoppingToken) == RowsPerSweep)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Firing step deadlines failed; trying again at the next turn");
            }
        }
    }

    /// <summary>Fires the deadlines past due, at most <see cref="RowsPerSweep"/>; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProcessBatchingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await TakeDueAsync(db, transaction, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var processes = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(ProcessQueue.Address(names));
        foreach (var deadline in due)
        {
            await processes.Send(deadline, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("{Count} processes got no reply within {StepTimeout}; their step deadlines fired", due.Count, options.Value.StepTimeout);
        return due.Count;
    }

    private async Task<List<StepTimedOut>> TakeDueAsync(ProcessBatchingDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TakeDue, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.Value.StepTimeout });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = RowsPerSweep });
        var due = new List<StepTimedOut>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A process waiting for a reply always has a current command; a row without one is not sent anything.
            if (!reader.IsDBNull(1))
            {
                due.Add(new StepTimedOut(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2)));
            }
        }

        return due;
    }
}
