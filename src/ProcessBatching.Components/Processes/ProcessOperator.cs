using MassTransit;
using Npgsql;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// Hands an operator's decision to a process waiting in the troubleshooting queue. The status is
/// checked here for a clear answer; the saga checks it again when the command arrives, so a
/// process that moved on in between ignores it. The command goes through the outbox: it is sent
/// once saved, and never lost to a broker hiccup after the operator was told it was accepted.
/// </summary>
public sealed class ProcessOperator(NpgsqlDataSource dataSource, ProcessBatchingDbContext db, IPublishEndpoint publisher) : IProcessOperator
{
    public Task<OperatorOutcome> RetryAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, new RetryStep(processId), cancellationToken);

    public Task<OperatorOutcome> CompleteAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, new CompleteStep(processId, null), cancellationToken);

    public Task<OperatorOutcome> CancelAsync(Guid processId, CancellationToken cancellationToken) =>
        ActAsync(processId, new CancelProcess(processId), cancellationToken);

    private async Task<OperatorOutcome> ActAsync<T>(Guid processId, T command, CancellationToken cancellationToken)
        where T : class
    {
        await using var query = dataSource.CreateCommand("SELECT status FROM commandbus.process WHERE process_id = $1");
        query.Parameters.Add(new() { Value = processId });
        var status = await query.ExecuteScalarAsync(cancellationToken) as string;
        if (status is null)
        {
            return OperatorOutcome.NotFound;
        }

        if (status != ProcessStatus.WaitingForTsq)
        {
            return OperatorOutcome.NotWaitingForTroubleshooting;
        }

        await publisher.Publish(command, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return OperatorOutcome.Accepted;
    }
}
