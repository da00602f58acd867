using MassTransit;
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
        Event(() => StepSucceeded, x => x.CorrelateById(m => m.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => StepRejected, x => x.CorrelateById(m => m.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => QueryFaulted, x => x.CorrelateById(m => m.Message.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => AggregationFaulted, x => x.CorrelateById(m => m.Message.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => RenderFaulted, x => x.CorrelateById(m => m.Message.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => StepUndone, x => x.CorrelateById(m => m.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => CompensationFaulted, x => x.CorrelateById(m => m.Message.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => RetryRequested, x => x.CorrelateById(m => m.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => CompletionRequested, x => x.CorrelateById(m => m.Message.ProcessId).OnMissingInstance(m => m.Discard()));
        Event(() => CancelRequested, x => x.CorrelateById(m => m.Message.ProcessId).OnMissingInstance(m => m.Discard()));

        // MassTransit enters Initial when it creates an instance; that is not a status change.
        BeforeEnterAny(x => x.If(context => context.Message.Name != Initial.Name, entered => entered.AnnounceStatusChange()));

        Initially(
            When(Started)
                .Then(context => context.Saga.Begin(context.Message, DateTimeOffset.UtcNow))
                .RunStep(this, _ => StatementReportSteps.First));

        // Batch creation writes PENDING rows before the process sees StartProcess.
        During(Pending,
            [
                When(Started)
                    .Then(context => context.Saga.Begin(context.Message, DateTimeOffset.UtcNow))
                    .RunStep(this, _ => StatementReportSteps.First),
                .. IgnoreAll(StepSucceeded, StepRejected, QueryFaulted, AggregationFaulted, RenderFaulted,
                    StepUndone, CompensationFaulted, RetryRequested, CompletionRequested, CancelRequested),
            ]);

        // Only the current command's reply or fault counts; for any other command the filter makes the
        // event a no-op (a late duplicate). A reply may also reach a process in the troubleshooting
        // queue when an operator moves the command back to its worker queue; it counts like any other.
        During(WaitingForReply, WaitingForTsq,
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

        During(WaitingForReply,
            IgnoreAll(RetryRequested, CompletionRequested, CancelRequested));

        During(WaitingForTsq,
            When(RetryRequested)
                .Journal(ReplyOutcome.Canceled, CommandStatus.Canceled)
                .Then(context => context.Saga.ClearError())
                .RunStep(this, context => context.Saga.CurrentStep!),
            When(CompletionRequested)
                .Journal(ReplyOutcome.Success, CommandStatus.Completed)
                .Then(context => context.Saga.RecordStepResult(context.Message.ResultPath ?? StatementReportSteps.ResultPath(
                    context.Saga.CorrelationId, context.Saga.CurrentStep!, context.Saga.State.OutputType)))
                .ContinueAfterStep(this),
            When(CancelRequested)
                .Journal(ReplyOutcome.Canceled, CommandStatus.Canceled)
                .Then(context => context.Saga.State.CanceledByOperator = true)
                .CompensateOrFinish(this));

        During(Compensating,
            [
                When(StepUndone, context => context.Saga.IsCurrentCommand(context.Message.CommandId))
                    .Journal(ReplyOutcome.Success, CommandStatus.Completed)
                    .Then(context => context.Saga.State.CompensatedSteps.Add(context.Message.Step))
                    .CompensateOrFinish(this),
                When(CompensationFaulted, context => context.Saga.IsCurrentCommand(context.Message.Message.CommandId))
                    .Journal(ReplyOutcome.Failed, CommandStatus.Failed,
                        m => (StatementReportBinderExtensions.ErrorCode(m), StatementReportBinderExtensions.ErrorMessage(m)))
                    .Then(context => context.Saga.RecordError("COMPENSATION_FAILED",
                        $"Compensation of {context.Saga.CurrentStep} failed: {StatementReportBinderExtensions.ErrorMessage(context.Message)}"))
                    .TransitionTo(Failed),
                .. IgnoreAll(Started, StepSucceeded, StepRejected, QueryFaulted, AggregationFaulted, RenderFaulted,
                    RetryRequested, CompletionRequested, CancelRequested),
            ]);

        // InProgress only lasts while one message is handled; the final states take nothing more.
        During([InProgress, Completed, Compensated, Failed, Canceled],
            IgnoreAll(Started, StepSucceeded, StepRejected, QueryFaulted, AggregationFaulted, RenderFaulted,
                StepUndone, CompensationFaulted, RetryRequested, CompletionRequested, CancelRequested));
    }

    public State Pending { get; private set; } = null!;
    public State InProgress { get; private set; } = null!;
    public State WaitingForReply { get; private set; } = null!;
    public State WaitingForTsq { get; private set; } = null!;
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

    EventActivities<StatementReportState>[] IgnoreAll(params Event[] events) => [.. events.Select(Ignore)];
}
