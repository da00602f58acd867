using ProcessBatching.Components.StateMachines;
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

        var actions = new[] { NewId.NextGuid(), NewId.NextGuid() };
        await test.Harness.Bus.Publish(new RetryStep(processId), x => x.MessageId = actions[0]);
        await test.Harness.Bus.Publish(new CancelProcess(processId), x => x.MessageId = actions[1]);

        // The endpoint takes many messages at once: wait until the process has handled both actions.
        await test.ShouldHaveHandled(actions);
        (await test.StatusChanges(processId, 1)).ShouldHaveSingleItem().NewStatus.ShouldBe("WAITING_FOR_REPLY");
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

        var action = NewId.NextGuid();

        await test.Harness.Bus.Publish(new CompleteStep(processId, "/nowhere"), x => x.MessageId = action);

        // Handled without a fault: a fault would be recorded with the message's consumption.
        await test.ShouldHaveHandled(action);
        test.ProcessCount.ShouldBe(0);
    }
}
