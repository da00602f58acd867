using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

public sealed class StatementQueryConsumer(StepSimulator simulator) : StepConsumer<StatementQuery>(simulator)
{
    protected override StepWork Describe(StatementQuery command) => new(command.ProcessId, command.CommandId, command.Behavior,
        StatementReportSteps.ResultPath(command.ProcessId, StatementReportSteps.Query, "json"));
}
