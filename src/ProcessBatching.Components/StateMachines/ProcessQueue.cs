using MassTransit;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// The queue of the process endpoint. Commands for a process are sent there, never published: a
/// publish made before that endpoint has bound its queue (a replica with only the batches role
/// started first) is dropped by the broker, while a send declares the queue and waits in it.
/// </summary>
public static class ProcessQueue
{
    public static Uri Address(IEndpointNameFormatter formatter) => new($"queue:{formatter.Saga<StatementReportState>()}");
}
