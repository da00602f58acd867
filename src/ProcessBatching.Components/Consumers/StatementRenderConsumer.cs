using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

public sealed class StatementRenderConsumer(StepSimulator simulator) : StepConsumer<StatementRender>(simulator)
{
    protected override StepWork Describe(StatementRender command) => new(command.ProcessId, command.CommandId,
        command.Behavior, StatementReportSteps.ResultPath(command.ProcessId, StatementReportSteps.Render, command.OutputType));
}
