using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_command_moved_back_from_the_troubleshooting_queue_succeeds
{
    [Fact]
    public async Task Should_continue_the_process()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(Behaviors.Query(Behaviors.Permanent));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        var commandId = test.Process(processId).Data.CurrentCommandId!.Value;

        // What the worker answers when an operator moves the faulted command back to its queue and it works.
        await test.Harness.Bus.Publish(new StepCompleted(processId, commandId, StatementReportSteps.Query, "/reports/replayed.json"));

        await test.ShouldReach(processId, x => x.Completed);
        var process = test.Process(processId);
        process.Data.ResultPaths[StatementReportSteps.Query].ShouldBe("/reports/replayed.json");
        process.ErrorCode.ShouldBeNull();
        test.Journal.Command(commandId)!.Status.ShouldBe(CommandStatus.Completed);
    }
}
