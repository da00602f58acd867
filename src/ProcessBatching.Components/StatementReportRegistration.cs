using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Telemetry;

namespace ProcessBatching.Components;

public static class StatementReportRegistration
{
    /// <summary>Registers the process; the caller picks its saga repository and an <see cref="IProcessJournal"/>.</summary>
    public static ISagaRegistrationConfigurator<StatementReportState> AddStatementReportProcess(this IBusRegistrationConfigurator bus)
    {
        bus.AddProcessBatchingMetrics();
        return bus.AddSagaStateMachine<StatementReportStateMachine, StatementReportState, StatementReportStateMachineDefinition>();
    }

    /// <summary>Registers the simulated step workers and the compensation worker.</summary>
    public static IBusRegistrationConfigurator AddStatementReportWorkers(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton<IStepOutcomeRandom, SharedStepOutcomeRandom>();
        bus.TryAddTransient<StepSimulator>();
        bus.AddConsumer<StatementQueryConsumer, StepConsumerDefinition<StatementQueryConsumer>>();
        bus.AddConsumer<StatementDataAggregationConsumer, StepConsumerDefinition<StatementDataAggregationConsumer>>();
        bus.AddConsumer<StatementRenderConsumer, StepConsumerDefinition<StatementRenderConsumer>>();
        bus.AddConsumer<CompensateStepConsumer, StepConsumerDefinition<CompensateStepConsumer>>();
        return bus;
    }
}
