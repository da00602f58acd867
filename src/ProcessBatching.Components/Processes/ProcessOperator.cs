using MassTransit;
using Microsoft.Extensions.Logging;
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
/// lost to a broker hiccup after the operator was told it was accepted. Who asked is written to the
/// process's audit trail in the same transaction, and logged.
/// </summary>
public sealed class ProcessOperator(
    NpgsqlDataSource dataSource,
    ProcessBatchingDbContext db,
    ISendEndpointProvider sender,
    IEndpointNameFormatter names,
    IProcessJournal journal,
    ILogger<ProcessOperator> logger,
    ICurrentOperator? currentOperator = null) : IProcessOperator
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
        if (await ReadAsync(processId, cancellationToken) is not (var status, var domain, var step))
        {
            return OperatorOutcome.NotFound;
        }

        if (!allowed.Contains(status))
        {
            return OperatorOutcome.NotApplicable;
        }

        var request = command(status);
        var requestedBy = currentOperator?.Identity ?? OperatorIdentity.Unknown;
        var processes = await sender.GetSendEndpoint(ProcessQueue.Address(names));
        await processes.Send(request, cancellationToken);
        await journal.OperatorRequested(processId, domain, step, Guid.CreateVersion7(), request, requestedBy);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Operator} asked for {Request} of process {ProcessId} ({Status})",
            requestedBy.ToString(), request.GetType().Name, processId, StoryName<ProcessStatus>.Of(status));
        return OperatorOutcome.Accepted;
    }

    // The reader is disposed once, here: a data source's command hands its connection back to the pool
    // when the reader closes, and Npgsql reuses one reader object per connection, so a second dispose
    // later would close whatever reader another request has open on that connection.
    private async Task<(ProcessStatus Status, string Domain, string Step)?> ReadAsync(Guid processId, CancellationToken cancellationToken)
    {
        await using var query = dataSource.CreateCommand("SELECT status, domain, current_step FROM commandbus.process WHERE process_id = $1");
        query.Parameters.Add(new() { Value = processId });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (StoryName<ProcessStatus>.Parse(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? "-" : reader.GetString(2))
            : null;
    }
}
