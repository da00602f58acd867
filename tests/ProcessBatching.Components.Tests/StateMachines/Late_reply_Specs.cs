using MassTransit;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_reply_to_an_older_command_arrives
{
    [Fact]
    public async Task Should_keep_waiting_for_the_current_command()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.WaitingForReply);
        var staleCommandId = Guid.NewGuid();

        var replies = new[] { NewId.NextGuid(), NewId.NextGuid() };
        await test.Harness.Bus.Publish(
            new StepCompleted(processId, staleCommandId, StatementReportSteps.Query, "/stale"), x => x.MessageId = replies[0]);
        await test.Harness.Bus.Publish(
            new StepFailed(processId, staleCommandId, StatementReportSteps.Query, "LATE", "late"), x => x.MessageId = replies[1]);

        // The endpoint takes many messages at once: wait until the process has handled both replies.
        await test.ShouldHaveHandled(replies);
        (await test.StatusChanges(processId, 1)).ShouldHaveSingleItem().NewStatus.ShouldBe("WAITING_FOR_REPLY");
        var process = test.Process(processId);
        process.CurrentState.ShouldBe("WaitingForReply");
        process.CurrentStep.ShouldBe(StatementReportSteps.Query);
        process.Data.CompletedSteps.ShouldBeEmpty();
        process.ErrorCode.ShouldBeNull();
        test.Journal.AuditTrail(processId).ShouldHaveSingleItem().ReplyOutcome.ShouldBeNull();
    }

    [Fact]
    public async Task Should_leave_a_completed_process_as_it_is()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.Completed);
        var renderCommandId = test.Process(processId).Data.CurrentCommandId!.Value;
        await test.StatusChanges(processId, 2);
        var duplicate = NewId.NextGuid();

        await test.Harness.Bus.Publish(
            new StepCompleted(processId, renderCommandId, StatementReportSteps.Render, "/duplicate"), x => x.MessageId = duplicate);

        await test.ShouldHaveHandled(duplicate);
        var process = test.Process(processId);
        process.CurrentState.ShouldBe("Completed");
        process.Data.ResultPaths[StatementReportSteps.Render].ShouldNotBe("/duplicate");
        (await test.StatusChanges(processId, 2)).Select(x => x.NewStatus)
            .ShouldBe(["WAITING_FOR_REPLY", "COMPLETED"], "the duplicate reply changed nothing");
    }

    [Fact]
    public async Task Should_ignore_a_fault_of_an_older_command()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.WaitingForReply);
        var staleQuery = new StatementQuery(processId, Guid.NewGuid(), default, default, [], StepBehavior.None);

        var fault = NewId.NextGuid();

        await test.Harness.Bus.Publish<Fault<StatementQuery>>(new
        {
            Message = staleQuery,
            Exceptions = new[] { new { ExceptionType = "System.Exception", Message = "old" } },
        }, x => x.MessageId = fault);

        await test.ShouldHaveHandled(fault);
        test.Process(processId).CurrentState.ShouldBe("WaitingForReply");
        (await test.StatusChanges(processId, 1)).ShouldHaveSingleItem().NewStatus.ShouldBe("WAITING_FOR_REPLY");
    }
}
