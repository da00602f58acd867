using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_an_operator_completes_a_step_by_hand
{
    [Fact]
    public async Task Should_continue_with_the_next_step_from_the_given_result()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(Behaviors.Aggregation(Behaviors.Permanent));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        var faultedCommandId = test.Process(processId).Data.CurrentCommandId!.Value;

        await test.Harness.Bus.Publish(new CompleteStep(processId, "/manual/aggregation.json"));

        await test.ShouldReach(processId, x => x.Completed);
        test.Process(processId).Data.ResultPaths[StatementReportSteps.Aggregation].ShouldBe("/manual/aggregation.json");
        test.Journal.AuditTrail(processId).Single(x => x.StepName == StatementReportSteps.Render)
            .CommandData.ShouldBeOfType<StatementRender>().AggregationResultPath.ShouldBe("/manual/aggregation.json");
        test.Journal.Command(faultedCommandId)!.Status.ShouldBe(CommandStatus.Completed);
        test.Journal.AuditTrail(processId).Single(x => x.CommandId == faultedCommandId).ReplyOutcome.ShouldBe(ReplyOutcome.Success);
    }

    [Fact]
    public async Task Should_complete_the_process_when_it_was_the_last_step()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(Behaviors.Render(Behaviors.Permanent));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);

        await test.Harness.Bus.Publish(new CompleteStep(processId, ResultPath: null));

        await test.ShouldReach(processId, x => x.Completed);
        test.Process(processId).Data.ResultPaths[StatementReportSteps.Render].ShouldBe($"/reports/{processId}/StatementRender.pdf");
    }
}
