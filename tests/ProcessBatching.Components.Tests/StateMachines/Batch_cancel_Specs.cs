using MassTransit;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

/// <summary>A process whose batch an operator canceled stops at its next step boundary, not in the middle of a step.</summary>
public class When_the_batch_of_a_process_waiting_on_a_step_is_canceled
{
    static readonly TimeSpan StepTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Should_let_the_step_finish_then_compensate_it_instead_of_starting_the_next_one()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        var query = (await test.CommandsSent<StatementQuery>(processId, 1))[0];

        await CancelWithBatch(test, processId);

        // Nothing changes while the step runs: no status change, no compensation yet.
        test.Process(processId).CurrentState.ShouldBe("WaitingForReply");
        test.Process(processId).Data.BatchCanceled.ShouldBeTrue();
        test.StatusChangesSoFar(processId).Select(x => x.NewStatus).ShouldBe(["WAITING_FOR_REPLY"]);

        await Reply(test, new StepCompleted(processId, query.CommandId, StatementReportSteps.Query, "/query.json"));

        await test.ShouldReach(processId, x => x.Compensating);
        var compensation = (await test.CommandsSent<CompensateStep>(processId, 1))[0];
        compensation.Step.ShouldBe(StatementReportSteps.Query);
        await Reply(test, new StepCompensated(processId, compensation.CommandId, StatementReportSteps.Query));

        await test.ShouldReach(processId, x => x.Canceled);
        (await test.CommandsSent<StatementDataAggregation>(processId, 0)).ShouldBeEmpty("no next step starts");
        var process = test.Process(processId);
        process.ErrorCode.ShouldBe(StatementReportState.BatchCanceledError);
        process.Data.CompletedSteps.ShouldBe([StatementReportSteps.Query]);
        process.Data.CompensatedSteps.ShouldBe([StatementReportSteps.Query]);
        process.CompletedAt.ShouldNotBeNull();
        (await test.StatusChanges(processId, 3)).Select(x => x.NewStatus).ShouldBe(["WAITING_FOR_REPLY", "COMPENSATING", "CANCELED"]);
    }

    [Fact]
    public async Task Should_end_canceled_instead_of_waiting_in_the_troubleshooting_queue_when_the_step_faults()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        var query = (await test.CommandsSent<StatementQuery>(processId, 1))[0];
        await CancelWithBatch(test, processId);

        var fault = NewId.NextGuid();
        await test.Harness.Bus.Publish<Fault<StatementQuery>>(new
        {
            Message = query,
            Exceptions = new[] { new { ExceptionType = "System.InvalidOperationException", Message = "broken" } },
        }, x => x.MessageId = fault);

        await test.ShouldReach(processId, x => x.Canceled);
        var process = test.Process(processId);
        process.ErrorCode.ShouldBe(StatementReportState.BatchCanceledError);
        process.ErrorMessage!.ShouldStartWith("Canceled with its batch (was ", customMessage: "the step's error is kept");
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBeEmpty("nothing was done, so nothing is undone");
        test.Journal.Command(query.CommandId)!.Status.ShouldBe(CommandStatus.Failed);
        test.Journal.AuditTrail(processId).ShouldHaveSingleItem().ReplyOutcome.ShouldBe(ReplyOutcome.Failed);
        (await test.StatusChanges(processId, 2)).Select(x => x.NewStatus).ShouldBe(["WAITING_FOR_REPLY", "CANCELED"]);
    }

    [Fact]
    public async Task Should_end_canceled_instead_of_waiting_in_the_troubleshooting_queue_when_the_step_never_answers()
    {
        await using var test = await ProcessHarness.Start(workers: false, stepTimeout: StepTimeout);
        var processId = await test.StartProcess();
        await test.FirstCommandsSent<StatementQuery>(processId, 1);

        await CancelWithBatch(test, processId);

        await test.ShouldReach(processId, x => x.Canceled);
        test.Process(processId).ErrorCode.ShouldBe(StatementReportState.BatchCanceledError);
        test.Process(processId).ErrorMessage!.ShouldContain("TIMEOUT");
        (await test.StatusChanges(processId, 2)).Select(x => x.NewStatus).ShouldBe(["WAITING_FOR_REPLY", "CANCELED"]);
    }

    [Fact]
    public async Task Should_complete_when_the_step_under_way_is_the_last()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        var query = (await test.CommandsSent<StatementQuery>(processId, 1))[0];
        await Reply(test, new StepCompleted(processId, query.CommandId, StatementReportSteps.Query, "/query.json"));
        var aggregation = (await test.CommandsSent<StatementDataAggregation>(processId, 1))[0];
        await Reply(test, new StepCompleted(processId, aggregation.CommandId, StatementReportSteps.Aggregation, "/aggregation.json"));
        var render = (await test.CommandsSent<StatementRender>(processId, 1))[0];

        await CancelWithBatch(test, processId);
        await Reply(test, new StepCompleted(processId, render.CommandId, StatementReportSteps.Render, "/render.pdf"));

        // There is no next step to spare: undoing a finished process would only waste its work.
        await test.ShouldReach(processId, x => x.Completed);
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Should_leave_it_alone_when_an_operator_cancel_meant_for_the_troubleshooting_queue_arrives()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = await test.StartProcess();
        var query = (await test.CommandsSent<StatementQuery>(processId, 1))[0];
        var cancel = NewId.NextGuid();
        await test.Harness.Bus.Publish(new CancelProcess(processId), x => x.MessageId = cancel);
        await test.ShouldHaveHandled(cancel);

        await Reply(test, new StepCompleted(processId, query.CommandId, StatementReportSteps.Query, "/query.json"));

        await test.FirstCommandsSent<StatementDataAggregation>(processId, 1);
        test.Process(processId).Data.BatchCanceled.ShouldBeFalse();
    }

    internal static async Task CancelWithBatch(ProcessHarness test, Guid processId)
    {
        var cancel = NewId.NextGuid();
        await test.Harness.Bus.Publish(new CancelProcess(processId, BatchCanceled: true), x => x.MessageId = cancel);
        await test.ShouldHaveHandled(cancel);
    }

    static async Task Reply<T>(ProcessHarness test, T reply)
        where T : class
    {
        var id = NewId.NextGuid();
        await test.Harness.Bus.Publish(reply, x => x.MessageId = id);
        await test.ShouldHaveHandled(id);
    }
}

public class When_the_batch_of_a_process_not_started_yet_is_canceled
{
    [Theory]
    [InlineData(ProcessStatus.Pending)]
    [InlineData(ProcessStatus.InProgress)]
    public async Task Should_end_canceled_and_ignore_its_start_when_it_comes(ProcessStatus status)
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var (processId, batchId) = (Guid.NewGuid(), Guid.NewGuid());
        test.AddPendingProcess(new StatementReportState
        {
            CorrelationId = processId,
            CurrentState = status.StateName(),
            BatchId = batchId,
            Data = StatementReportData.From(Requests.Statement(null)),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });

        await When_the_batch_of_a_process_waiting_on_a_step_is_canceled.CancelWithBatch(test, processId);
        var start = NewId.NextGuid();
        await test.Harness.Bus.Publish(new StartProcess(processId, batchId, null), x => x.MessageId = start);
        await test.ShouldHaveHandled(start);

        var process = test.Process(processId);
        process.CurrentState.ShouldBe("Canceled");
        process.ErrorCode.ShouldBe(StatementReportState.BatchCanceledError);
        process.CompletedAt.ShouldNotBeNull();
        (await test.CommandsSent<StatementQuery>(processId, 0)).ShouldBeEmpty("it never ran");
        var change = (await test.StatusChanges(processId, 1)).ShouldHaveSingleItem();
        (change.OldStatus, change.NewStatus, change.BatchId).ShouldBe((StoryName<ProcessStatus>.Of(status), "CANCELED", batchId));
    }
}

public class When_the_batch_of_a_process_in_the_troubleshooting_queue_is_canceled
{
    [Fact]
    public async Task Should_compensate_its_completed_steps_and_end_canceled()
    {
        await using var test = await ProcessHarness.Start();
        var processId = await test.StartProcess(Behaviors.Render(Behaviors.Permanent));
        await test.ShouldReach(processId, x => x.InTroubleshootingQueue);
        var faultedCommandId = test.Process(processId).Data.CurrentCommandId!.Value;

        await When_the_batch_of_a_process_waiting_on_a_step_is_canceled.CancelWithBatch(test, processId);

        // An operator's own cancel ends COMPENSATED; the batch's, CANCELED, and so among the batch's failed processes.
        await test.ShouldReach(processId, x => x.Canceled);
        test.StepsSent(processId, nameof(CompensateStep)).ShouldBe([StatementReportSteps.Aggregation, StatementReportSteps.Query]);
        test.Journal.Command(faultedCommandId)!.Status.ShouldBe(CommandStatus.Canceled);
        var process = test.Process(processId);
        process.ErrorCode.ShouldBe(StatementReportState.BatchCanceledError);
        process.ErrorMessage!.ShouldContain(nameof(ProcessBatching.Components.Consumers.PermanentStepException));
        (await test.StatusChanges(processId, 4)).Skip(2).Select(x => x.NewStatus).ShouldBe(["COMPENSATING", "CANCELED"]);
    }
}
