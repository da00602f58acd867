using MassTransit;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// Starts one StatementReport process (S092): writes its PENDING row, with the batch id when one is
/// given, and its StartProcess message in one transaction (the outbox sends it after commit). The
/// batch is not checked: the caller answers for it. The request is, like the API's: a PENDING row
/// without accounts would never start.
/// </summary>
public sealed class ProcessStarter(
    ProcessBatchingDbContext db, ISendEndpointProvider sender, IEndpointNameFormatter names, ProcessRequestValidator requests, TimeProvider clock)
{
    /// <exception cref="InvalidProcessRequestException">The request breaks the API's rules; nothing is written.</exception>
    public async Task<Guid> StartAsync(StatementReportRequest initialData, Guid? batchId = null, CancellationToken cancellationToken = default)
    {
        var processId = Guid.CreateVersion7();
        if (requests.ErrorsIn(initialData) is { Count: > 0 } errors)
        {
            throw new InvalidProcessRequestException(processId, errors);
        }

        var process = ProcessRows.NewPending(processId, batchId, initialData, clock.GetUtcNow());
        db.Processes.Add(process);
        var processes = await sender.GetSendEndpoint(ProcessQueue.Address(names));
        await processes.Send(new StartProcess(process.CorrelationId, batchId, null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return process.CorrelationId;
    }
}
