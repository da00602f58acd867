using MassTransit;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Components.Persistence;

/// <summary>The process endpoint consumes through the inbox and sends through the PostgreSQL outbox.</summary>
public sealed class ProcessEndpointOutbox : IProcessEndpointOutbox
{
    public void Configure(IReceiveEndpointConfigurator endpoint, ISagaConfigurator<StatementReportState> saga, IRegistrationContext context) =>
        endpoint.UsePostgresOutbox<ProcessBatchingDbContext>(context);
}
