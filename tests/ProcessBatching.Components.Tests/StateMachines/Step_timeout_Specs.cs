using MassTransit;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_step_gets_no_reply
{
    static readonly TimeSpan StepTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Should_send_the_same_command_again_then_wait_in_the_troubleshooting_queue()
    {
        await using var test = await ProcessHarness.Start(workers: false, stepTimeout: StepTimeout);
        var processId = await test.StartProcess();

        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);

        // README: Processes__StepAttempts sends (3 by default), then the troubleshooting queue; no fourth.
        var sent = await test.CommandsSent<StatementQuery>(processId, 3);
        sent.Select(x => x.CommandId).Distinct().ShouldHaveSingleItem("each attempt carries the same command id");
        var process = test.Process(processId);
        process.ErrorCode.ShouldBe("TIMEOUT");
        process.CurrentStep.ShouldBe(StatementReportSteps.Query);
        process.StepDueAt.ShouldBeNull("a process in the troubleshooting queue waits for no reply");
        test.Journal.AuditTrail(processId).ShouldHaveSingleItem("a resent command is one audit row");
        var command = test.Journal.Command(sent[0].CommandId).ShouldNotBeNull();
        (command.Status, command.Attempts).ShouldBe((CommandStatus.InTroubleshootingQueue, 3));
    }

    [Fact]
    public async Task Should_take_the_first_reply_to_any_attempt_and_move_on()
    {
        await using var test = await ProcessHarness.Start(workers: false, stepTimeout: StepTimeout);
        var processId = await test.StartProcess();
        var sent = await test.FirstCommandsSent<StatementQuery>(processId, 2);
        var replies = new[] { NewId.NextGuid(), NewId.NextGuid() };

        await test.Harness.Bus.Publish(
            new StepCompleted(processId, sent[0].CommandId, StatementReportSteps.Query, "/query.json"), x => x.MessageId = replies[0]);
        await test.Harness.Bus.Publish(
            new StepCompleted(processId, sent[0].CommandId, StatementReportSteps.Query, "/duplicate.json"), x => x.MessageId = replies[1]);

        await test.ShouldHaveHandled(replies);
        await test.FirstCommandsSent<StatementDataAggregation>(processId, 1);
        var process = test.Process(processId);
        process.Data.ResultPaths[StatementReportSteps.Query].ShouldBe("/query.json", "the second reply to the same command is not applied");
        process.Data.CompletedSteps.ShouldBe([StatementReportSteps.Query]);
        process.StepDueAt.ShouldNotBeNull("the aggregation's reply is awaited");
    }
}

public class When_a_compensation_gets_no_reply
{
    [Fact]
    public async Task Should_send_it_again_then_fail_the_process_with_a_timeout()
    {
        await using var test = await ProcessHarness.Start(workers: false, stepTimeout: TimeSpan.FromMilliseconds(300));
        var processId = await test.StartProcess();
        var query = (await test.FirstCommandsSent<StatementQuery>(processId, 1))[0];
        await test.Harness.Bus.Publish(new StepCompleted(processId, query.CommandId, StatementReportSteps.Query, "/query.json"));
        var aggregation = (await test.FirstCommandsSent<StatementDataAggregation>(processId, 1))[0];

        await test.Harness.Bus.Publish(new StepFailed(processId, aggregation.CommandId, StatementReportSteps.Aggregation, "RULE", "rejected"));

        await test.ShouldReach(processId, x => x.Failed);
        var compensations = await test.CommandsSent<CompensateStep>(processId, 3);
        compensations.Select(x => (x.CommandId, x.Step)).Distinct().ShouldHaveSingleItem().Step.ShouldBe(StatementReportSteps.Query);
        test.Process(processId).ErrorCode.ShouldBe("TIMEOUT");
        test.Process(processId).StepDueAt.ShouldBeNull("a failed process waits for nothing");
        test.Journal.Command(compensations[0].CommandId)!.Status.ShouldBe(CommandStatus.Failed);
    }
}

public class When_an_operator_redrives_a_waiting_process
{
    [Fact]
    public async Task Should_send_the_current_command_again_at_once()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.WaitingForReply);

        await test.Harness.Bus.Publish(new RedriveProcess(processId));

        var sent = await test.CommandsSent<StatementQuery>(processId, 2);
        sent[1].CommandId.ShouldBe(sent[0].CommandId);
        test.Process(processId).Data.CommandAttempt.ShouldBe(2);
        test.Process(processId).CurrentState.ShouldBe("WaitingForReply");
    }
}
