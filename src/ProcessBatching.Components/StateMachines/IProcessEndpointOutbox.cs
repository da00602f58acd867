using MassTransit;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// Hook for the transactional outbox on the process endpoint. Without a registered one the
/// endpoint uses MassTransit's in-memory outbox, so messages still leave only after the process
/// state was saved.
/// </summary>
public interface IProcessEndpointOutbox
{
    void Configure(IReceiveEndpointConfigurator endpoint, ISagaConfigurator<StatementReportState> saga, IRegistrationContext context);
}
