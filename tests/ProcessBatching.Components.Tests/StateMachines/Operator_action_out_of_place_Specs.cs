using MassTransit;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_an_operator_acts_on_a_process_not_in_the_troubleshooting_queue
{
    [Fact]
    public async Task Should_leave_a_waiting_process_alone()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.WaitingForReply);
        var commandId = test.Process(processId).Data.CurrentCommandId;

        await test.Harness.Bus.Publish(new RetryStep(processId));
        await test.Harness.Bus.Publish(new CancelProcess(processId));

        (await test.Processes.Consumed.Any<CancelProcess>()).ShouldBeTrue();
        var process = test.Process(processId);
        process.CurrentState.ShouldBe("WaitingForReply");
        process.Data.CurrentCommandId.ShouldBe(commandId);
        test.Journal.AuditTrail(processId).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Should_discard_an_action_for_an_unknown_process()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = Guid.NewGuid();

        await test.Harness.Bus.Publish(new CompleteStep(processId, "/nowhere"));

        (await test.Harness.Consumed.Any<CompleteStep>()).ShouldBeTrue();
        test.ProcessCount.ShouldBe(0);
        using var shortWait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        (await test.Harness.Published.Any<Fault<CompleteStep>>(shortWait.Token)).ShouldBeFalse();
    }
}
