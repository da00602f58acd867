using MassTransit;
using Npgsql;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// Hands an operator's decision to a process. The status is checked here for a clear answer; the
/// saga checks it again when the command arrives, so a process that moved on in between ignores
/// it. The command goes through the outbox to the process queue: it is sent once saved, and never
/// lost to a broker hiccup after the operator was told it was accepted.
/// </summary>
public sealed class ProcessOperator(
    NpgsqlDataSource dataSource,
    ProcessBatchingDbContext db,
    ISendEndpointProvider sender,
    IEndpointNameFormatter names) : IProcessOperator
{
    static readonly ProcessStatus[] WaitingForTroubleshooting = [ProcessStatus.InTroubleshootingQueue];

    // Not yet started (the start message was lost) or waiting on a step's reply: these can be driven again.
    static readonly ProcessStatus[] Redrivable = [ProcessStatus.Pending, ProcessStatus.InProgress, ProcessStatus.WaitingForReply, ProcessStatus.Compensating];

    public Task<OperatorOutcome> RetryAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, WaitingForTroubleshooting, _ => new RetryStep(processId), cancellationToken);

    public Task<OperatorOutcome> CompleteAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, WaitingForTroubleshooting, _ => new CompleteStep(processId, null), cancellationToken);

    public Task<OperatorOutcome> CancelAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, WaitingForTroubleshooting, _ => new CancelProcess(processId), cancellationToken);

    public Task<OperatorOutcome> RedriveAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, Redrivable, status => status is ProcessStatus.Pending or ProcessStatus.InProgress
            ? new StartProcess(processId, null, null)
            : new RedriveProcess(processId), cancellationToken);

    private async Task<OperatorOutcome> ActAsync(Guid processId, ProcessStatus[] allowed, Func<ProcessStatus, object> command, CancellationToken cancellationToken)
    {
        await using var query = dataSource.CreateCommand("SELECT status FROM commandbus.process WHERE process_id = $1");
        query.Parameters.Add(new() { Value = processId });
        if (await query.ExecuteScalarAsync(cancellationToken) is not string stored)
        {
            return OperatorOutcome.NotFound;
        }

        var status = StoryName<ProcessStatus>.Parse(stored);
        if (!allowed.Contains(status))
        {
            return OperatorOutcome.NotApplicable;
        }

        var processes = await sender.GetSendEndpoint(ProcessQueue.Address(names));
        await processes.Send(command(status), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Accepted;
    }
}
