using System.Linq.Expressions;
using MassTransit;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// The StatementReport process: StatementQuery → StatementDataAggregation → StatementRender.
/// Terminal states are ordinary states: a finished process keeps its row.
/// </summary>
public sealed class StatementReportStateMachine : MassTransitStateMachine<StatementReportState>
{
    public StatementReportStateMachine()
    {
        InstanceState(x => x.CurrentState!);

        Event(() => Started, x => x.CorrelateById(m => m.Message.ProcessId));
        ForExistingProcess(() => StepSucceeded, m => m.ProcessId);
        ForExistingProcess(() => StepRejected, m => m.ProcessId);
        ForExistingProcess(() => QueryFaulted, m => m.Message.ProcessId);
        ForExistingProcess(() => AggregationFaulted, m => m.Message.ProcessId);
        ForExistingProcess(() => RenderFaulted, m => m.Message.ProcessId);
        ForExistingProcess(() => StepUndone, m => m.ProcessId);
        ForExistingProcess(() => CompensationFaulted, m => m.Message.ProcessId);
        ForExistingProcess(() => RetryRequested, m => m.ProcessId);
        ForExistingProcess(() => CompletionRequested, m => m.ProcessId);
        ForExistingProcess(() => CancelRequested, m => m.ProcessId);
        ForExistingProcess(() => StepDeadline, m => m.ProcessId);
        ForExistingProcess(() => RedriveRequested, m => m.ProcessId);

        Initially(
            When(Started).BeginProcess(this));

        // Batch creation writes PENDING rows before the process sees StartProcess; the dispatcher marks
        // them IN_PROGRESS as it hands them over. A canceled batch's process that has not started ends
        // CANCELED, and then ignores a StartProcess still on its way; an operator's own cancel is for
        // the troubleshooting queue only.
        During(Pending, InProgress,
            [
                When(Started).BeginProcess(this),
                When(CancelRequested, context => context.Message.BatchCanceled)
                    .Then(context => context.Saga.StopWithBatch())
                    .TransitionTo(Canceled),
                .. IgnoreAll(StepSucceeded, StepRejected, QueryFaulted, AggregationFaulted, RenderFaulted,
                    StepUndone, CompensationFaulted, RetryRequested, CompletionRequested, StepDeadline, RedriveRequested),
            ]);

        // Only the current command's reply or fault counts; for any other command the filter makes the
        // event a no-op (a late duplicate). A reply may also reach a process in the troubleshooting
        // queue when an operator moves the command back to its worker queue; it counts like any other.
        During(WaitingForReply, InTroubleshootingQueue,
            [
                When(StepSucceeded, context => context.Saga.IsCurrentCommand(context.Message.CommandId))
                    .Journal(ReplyOutcome.Success, CommandStatus.Completed)
                    .Then(context => context.Saga.RecordStepResult(context.Message.ResultPath))
                    .ContinueAfterStep(this),
                When(StepRejected, context => context.Saga.IsCurrentCommand(context.Message.CommandId))
                    .Journal(ReplyOutcome.Failed, CommandStatus.Failed, m => (m.ErrorCode, m.ErrorMessage))
                    .Then(context => context.Saga.RecordError(context.Message.ErrorCode, context.Message.ErrorMessage))
                    .CompensateOrFinish(this),
                When(QueryFaulted, context => context.Saga.IsCurrentCommand(context.Message.Message.CommandId))
                    .WaitInTroubleshootingQueue(this),
                When(AggregationFaulted, context => context.Saga.IsCurrentCommand(context.Message.Message.CommandId))
                    .WaitInTroubleshootingQueue(this),
                When(RenderFaulted, context => context.Saga.IsCurrentCommand(context.Message.Message.CommandId))
                    .WaitInTroubleshootingQueue(this),
                .. IgnoreAll(Started, StepUndone, CompensationFaulted),
            ]);

        // A lost command or reply: the same command again, and after the last attempt the troubleshooting queue.
        // A canceled batch's process finishes the step under way: its reply, fault or timeout then
        // leads to compensation instead of the next step (ContinueAfterStep, WaitForOperator).
        During(WaitingForReply,
            [
                When(StepDeadline, context => context.Saga.IsCurrentAttempt(context.Message))
                    .ResendOrGiveUp(this, timedOut => timedOut.WaitForOperator(this)),
                When(RedriveRequested).ResendCommand(this),
                When(CancelRequested, context => context.Message.BatchCanceled)
                    .Then(context => context.Saga.Data.BatchCanceled = true),
                .. IgnoreAll(RetryRequested, CompletionRequested),
            ]);

        During(InTroubleshootingQueue,
            When(RetryRequested)
                .Journal(ReplyOutcome.Canceled, CommandStatus.Canceled)
                .Then(context =>
                {
                    context.Saga.ClearError();
                    context.Saga.Data.RetriedSteps.Add(context.Saga.CurrentStep!);
                })
                .RunStep(this, context => context.Saga.CurrentStep!),
            When(CompletionRequested)
                .Journal(ReplyOutcome.Success, CommandStatus.Completed)
                .Then(context => context.Saga.RecordStepResult(context.Message.ResultPath ?? StatementReportSteps.ResultPath(
                    context.Saga.CorrelationId, context.Saga.CurrentStep!, context.Saga.Data.OutputType)))
                .ContinueAfterStep(this),
            When(CancelRequested)
                .Journal(ReplyOutcome.Canceled, CommandStatus.Canceled)
                .Then(context =>
                {
                    if (context.Message.BatchCanceled)
                        context.Saga.StopWithBatch();
                    else
                        context.Saga.Data.CanceledByOperator = true;
                })
                .CompensateOrFinish(this),
            Ignore(StepDeadline),
            Ignore(RedriveRequested));

        During(Compensating,
            [
                When(StepUndone, context => context.Saga.IsCurrentCommand(context.Message.CommandId))
                    .Journal(ReplyOutcome.Success, CommandStatus.Completed)
                    .Then(context => context.Saga.Data.CompensatedSteps.Add(context.Message.Step))
                    .CompensateOrFinish(this),
                When(CompensationFaulted, context => context.Saga.IsCurrentCommand(context.Message.Message.CommandId))
                    .Journal(ReplyOutcome.Failed, CommandStatus.Failed,
                        m => (FaultDescription.Code(m), FaultDescription.Message(m)))
                    .Then(context => context.Saga.RecordError("COMPENSATION_FAILED",
                        $"Compensation of {context.Saga.CurrentStep} failed: {FaultDescription.Message(context.Message)}"))
                    .TransitionTo(Failed),
                When(StepDeadline, context => context.Saga.IsCurrentAttempt(context.Message))
                    .ResendOrGiveUp(this, timedOut => timedOut.FailCommand().TransitionTo(Failed)),
                When(RedriveRequested).ResendCommand(this),
                .. IgnoreAll(Started, StepSucceeded, StepRejected, QueryFaulted, AggregationFaulted, RenderFaulted,
                    RetryRequested, CompletionRequested, CancelRequested),
            ]);

        // The final states take nothing more.
        During([Completed, Compensated, Failed, Canceled],
            IgnoreAll(Started, StepSucceeded, StepRejected, QueryFaulted, AggregationFaulted, RenderFaulted,
                StepUndone, CompensationFaulted, RetryRequested, CompletionRequested, CancelRequested, StepDeadline, RedriveRequested));

        // MassTransit enters Initial when it creates an instance; that is not a status change.
        BeforeEnterAny(x => x.If(context => context.Message.Name != Initial.Name, entered => entered.AnnounceStatusChange()));
    }

    public State Pending { get; private set; } = null!;
    public State InProgress { get; private set; } = null!;
    public State WaitingForReply { get; private set; } = null!;
    public State InTroubleshootingQueue { get; private set; } = null!;
    public State Compensating { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Compensated { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Canceled { get; private set; } = null!;

    public Event<StartProcess> Started { get; private set; } = null!;
    public Event<StepCompleted> StepSucceeded { get; private set; } = null!;
    public Event<StepFailed> StepRejected { get; private set; } = null!;
    public Event<Fault<StatementQuery>> QueryFaulted { get; private set; } = null!;
    public Event<Fault<StatementDataAggregation>> AggregationFaulted { get; private set; } = null!;
    public Event<Fault<StatementRender>> RenderFaulted { get; private set; } = null!;
    public Event<StepCompensated> StepUndone { get; private set; } = null!;
    public Event<Fault<CompensateStep>> CompensationFaulted { get; private set; } = null!;
    public Event<RetryStep> RetryRequested { get; private set; } = null!;
    public Event<CompleteStep> CompletionRequested { get; private set; } = null!;
    public Event<CancelProcess> CancelRequested { get; private set; } = null!;
    public Event<StepTimedOut> StepDeadline { get; private set; } = null!;
    public Event<RedriveProcess> RedriveRequested { get; private set; } = null!;

    /// <summary>Replies, faults and operator actions belong to an existing process; for an unknown one they are dropped.</summary>
    void ForExistingProcess<T>(Expression<Func<Event<T>>> @event, Func<T, Guid> processId)
        where T : class =>
        Event(@event, x => x.CorrelateById(m => processId(m.Message)).OnMissingInstance(m => m.Discard()));

    EventActivities<StatementReportState>[] IgnoreAll(params Event[] events) => [.. events.Select(Ignore)];
}
