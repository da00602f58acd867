using MassTransit;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>The same endpoint middleware the StatementReport saga gets: retry, then the PostgreSQL inbox and outbox.</summary>
public sealed class TrivialSagaDefinition : SagaDefinition<TrivialSagaState>
{
    public TrivialSagaDefinition()
    {
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = StatementReportStateMachineDefinition.ConcurrentMessages * 2;
            endpoint.ConcurrentMessageLimit = StatementReportStateMachineDefinition.ConcurrentMessages;
        });
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<TrivialSagaState> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(10, 50, 100, 250, 500));
        endpointConfigurator.UsePostgresOutbox<TrivialSagaDbContext>(context);
    }
}
