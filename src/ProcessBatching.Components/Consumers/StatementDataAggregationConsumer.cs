using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

public sealed class StatementDataAggregationConsumer(StepSimulator simulator) : StepConsumer<StatementDataAggregation>(simulator)
{
    protected override StepWork Describe(StatementDataAggregation command) => new(command.ProcessId, command.CommandId,
        command.Behavior, StatementReportSteps.ResultPath(command.ProcessId, StatementReportSteps.Aggregation, "json"));
}
