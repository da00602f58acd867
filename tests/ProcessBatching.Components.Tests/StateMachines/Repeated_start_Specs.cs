using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_started_process_is_started_again
{
    [Fact]
    public async Task Should_change_nothing()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.WaitingForReply);
        var commandId = test.Process(processId).Data.CurrentCommandId;

        await test.StartProcess(processId: processId);

        (await test.Processes.Consumed.SelectAsync<StartProcess>(x => x.Context.Message.ProcessId == processId).Take(2).CountAsync())
            .ShouldBe(2);
        test.Process(processId).Data.CurrentCommandId.ShouldBe(commandId);
        test.Journal.AuditTrail(processId).Count.ShouldBe(1);
        test.StatusChangesSoFar(processId).Count.ShouldBe(1);
    }
}
