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

        await test.Harness.Bus.Publish(new StepCompleted(processId, staleCommandId, StatementReportSteps.Query, "/stale"));
        await test.Harness.Bus.Publish(new StepFailed(processId, staleCommandId, StatementReportSteps.Query, "LATE", "late"));

        (await test.Processes.Consumed.Any<StepFailed>(x => x.Context.Message.CommandId == staleCommandId)).ShouldBeTrue();
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
        var changes = (await test.StatusChanges(processId, 2)).Count;

        await test.Harness.Bus.Publish(new StepCompleted(processId, renderCommandId, StatementReportSteps.Render, "/duplicate"));

        (await test.Processes.Consumed.Any<StepCompleted>(x => x.Context.Message.ResultPath == "/duplicate")).ShouldBeTrue();
        var process = test.Process(processId);
        process.CurrentState.ShouldBe("Completed");
        process.Data.ResultPaths[StatementReportSteps.Render].ShouldNotBe("/duplicate");
        test.StatusChangesSoFar(processId).Count.ShouldBe(changes);
    }

    [Fact]
    public async Task Should_ignore_a_fault_of_an_older_command()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        await test.ShouldReach(processId, x => x.WaitingForReply);
        var staleQuery = new StatementQuery(processId, Guid.NewGuid(), default, default, [], StepBehavior.None);

        await test.Harness.Bus.Publish<Fault<StatementQuery>>(new
        {
            Message = staleQuery,
            Exceptions = new[] { new { ExceptionType = "System.Exception", Message = "old" } },
        });

        (await test.Processes.Consumed.Any<Fault<StatementQuery>>()).ShouldBeTrue();
        test.Process(processId).CurrentState.ShouldBe("WaitingForReply");
    }
}
