using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_process_is_started
{
    [Fact]
    public async Task Should_send_the_query_and_wait_for_its_reply()
    {
        await using var test = await ProcessHarness.Start(workers: false);

        var processId = await test.StartProcess();

        await test.ShouldReach(processId, x => x.WaitingForReply);
        var process = test.Process(processId);
        process.CurrentStep.ShouldBe(StatementReportSteps.Query);
        process.Domain.ShouldBe("reporting");
        process.ProcessType.ShouldBe("StatementReport");
        process.Data.AccountList.ShouldBe(["ACC-001", "ACC-002"]);

        (await test.Harness.Sent.Any<StatementQuery>(x =>
            x.Context.Message.ProcessId == processId
            && x.Context.Message.CommandId == process.Data.CurrentCommandId
            && x.Context.DestinationAddress!.AbsolutePath.EndsWith("/statement-query"))).ShouldBeTrue();
    }
}
