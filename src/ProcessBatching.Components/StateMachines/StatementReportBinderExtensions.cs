using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.StateMachines;

/// <summary>The steps the StatementReport state machine shares between its transitions.</summary>
public static class StatementReportBinderExtensions
{
    public static EventActivityBinder<StatementReportState, StartProcess> BeginProcess(
        this EventActivityBinder<StatementReportState, StartProcess> binder, StatementReportStateMachine machine) =>
        binder
            .Then(RejectInvalidRequest)
            .Then(context => context.Saga.Begin(context.Message, DateTimeOffset.UtcNow))
            .RunStep(machine, _ => StatementReportSteps.First);

    /// <summary>
    /// Another service's request is checked like the API's before anything is written: a process made
    /// from it would fault in its first step and never finish.
    /// </summary>
    static void RejectInvalidRequest(BehaviorContext<StatementReportState, StartProcess> context)
    {
        if (context.Message.Request is not { } request)
            return;

        var errors = context.GetServiceOrCreateInstance<ProcessRequestValidator>().ErrorsIn(request);
        if (errors.Count > 0)
        {
            var rejected = new InvalidProcessRequestException(context.Message.ProcessId, errors);
            LogContext.Error?.Log(rejected, "Rejected StartProcess {ProcessId} ({MessageId})", context.Message.ProcessId, context.MessageId);
            throw rejected;
        }
    }

    /// <summary>Sends <paramref name="step"/> with a new command id and waits for its reply.</summary>
    public static EventActivityBinder<StatementReportState, T> RunStep<T>(this EventActivityBinder<StatementReportState, T> binder,
        StatementReportStateMachine machine, Func<BehaviorContext<StatementReportState, T>, string> step)
        where T : class =>
        binder
            .Then(context => context.Saga.PrepareCommand(step(context), DateTimeOffset.UtcNow))
            .ThenAsync(context => SendCommand(context, StatementReportSteps.CreateCommand(context.Saga), resent: false))
            .TransitionTo(machine.WaitingForReply);

    /// <summary>
    /// Sends the current command (a step, or a compensation while compensating) again with the same
    /// command id, after a step timeout or an operator's redrive. Workers must be idempotent by command id.
    /// </summary>
    public static EventActivityBinder<StatementReportState, T> ResendCommand<T>(this EventActivityBinder<StatementReportState, T> binder,
        StatementReportStateMachine machine)
        where T : class =>
        binder
            .Then(context => context.Saga.PrepareResend(DateTimeOffset.UtcNow))
            .ThenAsync(context => SendCommand(context, context.Saga.CurrentState == machine.Compensating.Name
                ? StatementReportSteps.CreateCompensation(context.Saga)
                : StatementReportSteps.CreateCommand(context.Saga), resent: true));

    /// <summary>
    /// The current command's deadline passed: send it again while attempts are left, else record
    /// <c>TIMEOUT</c> and <paramref name="giveUp"/>.
    /// </summary>
    public static EventActivityBinder<StatementReportState, StepTimedOut> ResendOrGiveUp(
        this EventActivityBinder<StatementReportState, StepTimedOut> binder, StatementReportStateMachine machine,
        Func<EventActivityBinder<StatementReportState, StepTimedOut>, EventActivityBinder<StatementReportState, StepTimedOut>> giveUp) =>
        binder.IfElse(context => context.Saga.Data.CommandAttempt < StepTimeouts(context).StepAttempts,
            resend => resend.ResendCommand(machine),
            last => giveUp(last.Then(context => context.Saga.RecordError("TIMEOUT",
                $"{context.Saga.CurrentStep} got no reply to {context.Saga.Data.CommandAttempt} attempt(s) of {StepTimeouts(context).StepTimeout} each"))));

    /// <summary>The current command failed for good with the process's error (a compensation that never answered).</summary>
    public static EventActivityBinder<StatementReportState, T> FailCommand<T>(this EventActivityBinder<StatementReportState, T> binder)
        where T : class =>
        binder.ThenAsync(context => context.GetServiceOrCreateInstance<IProcessJournal>().CommandStatusChanged(
            context.Saga.Data.CurrentCommandId!.Value, CommandStatus.Failed, context.Saga.ErrorCode, context.Saga.ErrorMessage));

    /// <summary>
    /// The current step is done: run the next one, or complete the process after the last. A process
    /// whose batch was canceled starts no next step: it compensates what it did and ends CANCELED.
    /// </summary>
    public static EventActivityBinder<StatementReportState, T> ContinueAfterStep<T>(this EventActivityBinder<StatementReportState, T> binder,
        StatementReportStateMachine machine)
        where T : class =>
        binder.IfElse(context => StatementReportSteps.After(context.Saga.CurrentStep!) is null,
            last => last.TransitionTo(machine.Completed),
            next => next.IfElse(context => context.Saga.Data.BatchCanceled,
                stop => stop
                    .Then(context => context.Saga.StopWithBatch())
                    .CompensateOrFinish(machine),
                run => run.RunStep(machine, context => StatementReportSteps.After(context.Saga.CurrentStep!)!)));

    /// <summary>Undoes the latest completed step not yet undone; once none is left the process ends.</summary>
    public static EventActivityBinder<StatementReportState, T> CompensateOrFinish<T>(this EventActivityBinder<StatementReportState, T> binder,
        StatementReportStateMachine machine)
        where T : class =>
        binder.IfElse(context => context.Saga.Data.NextStepToCompensate() is not null,
            compensate => compensate
                .Then(context => context.Saga.PrepareCommand(context.Saga.Data.NextStepToCompensate()!, DateTimeOffset.UtcNow))
                .TransitionTo(machine.Compensating)
                .ThenAsync(context => SendCommand(context, StatementReportSteps.CreateCompensation(context.Saga), resent: false)),
            done => done.IfElse(context => context.Saga.Data.CanceledByOperator,
                canceled => canceled.TransitionTo(machine.Compensated),
                rejected => rejected.TransitionTo(machine.Canceled)));

    /// <summary>Journals the answer to the current command: its audit reply and its command status.</summary>
    public static EventActivityBinder<StatementReportState, T> Journal<T>(this EventActivityBinder<StatementReportState, T> binder,
        string outcome, CommandStatus commandStatus, Func<T, (string Code, string Message)>? error = null)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            var journal = context.GetServiceOrCreateInstance<IProcessJournal>();
            var commandId = context.Saga.Data.CurrentCommandId!.Value;
            var (code, message) = error?.Invoke(context.Message) ?? default;
            await journal.ReplyReceived(context.Saga.CorrelationId, commandId, outcome, context.Message);
            await journal.CommandStatusChanged(commandId, commandStatus, code, message);
        });

    /// <summary>
    /// The step command faulted (permanent error or retries exhausted) and sits in its queue's
    /// <c>_error</c> queue: wait there for an operator.
    /// </summary>
    public static EventActivityBinder<StatementReportState, Fault<T>> WaitInTroubleshootingQueue<T>(
        this EventActivityBinder<StatementReportState, Fault<T>> binder, StatementReportStateMachine machine)
        where T : class =>
        binder
            .Then(context => context.Saga.RecordError(FaultDescription.Code(context.Message), FaultDescription.Message(context.Message)))
            .WaitForOperator(machine);

    /// <summary>
    /// The current command is in the troubleshooting queue (faulted, or never answered): an operator
    /// decides. A process whose batch was canceled does not wait there: the command counts as failed,
    /// and the process compensates what it did and ends CANCELED.
    /// </summary>
    public static EventActivityBinder<StatementReportState, T> WaitForOperator<T>(
        this EventActivityBinder<StatementReportState, T> binder, StatementReportStateMachine machine)
        where T : class =>
        binder.IfElse(context => context.Saga.Data.BatchCanceled,
            stop => stop
                .ThenAsync(async context =>
                {
                    var journal = context.GetServiceOrCreateInstance<IProcessJournal>();
                    var commandId = context.Saga.Data.CurrentCommandId!.Value;
                    await journal.ReplyReceived(context.Saga.CorrelationId, commandId, ReplyOutcome.Failed, context.Message);
                    await journal.CommandStatusChanged(commandId, CommandStatus.Failed, context.Saga.ErrorCode, context.Saga.ErrorMessage);
                })
                .Then(context => context.Saga.StopWithBatch())
                .CompensateOrFinish(machine),
            wait => wait
                .ThenAsync(context => context.GetServiceOrCreateInstance<IProcessJournal>().CommandStatusChanged(
                    context.Saga.Data.CurrentCommandId!.Value, CommandStatus.InTroubleshootingQueue,
                    context.Saga.ErrorCode, context.Saga.ErrorMessage))
                .TransitionTo(machine.InTroubleshootingQueue));

    /// <summary>Stamps the process and publishes ProcessStatusChanged; bound once to every state's entry.</summary>
    public static EventActivityBinder<StatementReportState, State> AnnounceStatusChange(
        this EventActivityBinder<StatementReportState, State> binder) =>
        binder
            .Then(context =>
            {
                var entered = ProcessStatusExtensions.FromStateName(context.Message.Name);
                context.Saga.UpdatedAt = DateTimeOffset.UtcNow;
                if (entered.IsFinal())
                    context.Saga.CompletedAt = context.Saga.UpdatedAt;
                // The one place a deadline ends: each send sets it (SendCommand), and only these two
                // statuses wait for a reply; a reply that moves the process on ends in one of them again
                // (a new send) or in another status.
                if (entered is not (ProcessStatus.WaitingForReply or ProcessStatus.Compensating))
                    context.Saga.StopAwaitingReply();
            })
            .Then(ProcessEvents.Record)
            .Publish(context => new ProcessStatusChanged(context.Saga.CorrelationId, context.Saga.BatchId,
                context.Saga.ProcessType, StoryName<ProcessStatus>.Of(ProcessStatusExtensions.FromStateName(context.Saga.CurrentState)),
                StoryName<ProcessStatus>.Of(ProcessStatusExtensions.FromStateName(context.Message.Name)), context.Saga.CurrentStep,
                context.Saga.ErrorCode, context.Saga.ErrorMessage, context.Saga.UpdatedAt));


    static async Task SendCommand(BehaviorContext<StatementReportState> context, object command, bool resent)
    {
        var process = context.Saga;
        var commandId = process.Data.CurrentCommandId!.Value;
        var attempt = process.Data.CommandAttempt;
        var queue = StatementReportSteps.QueueName(EndpointNameFormatter(context), command);

        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(command, send =>
        {
            // The command id is the message id, so an operator finds it in the troubleshooting queue;
            // replies and faults come straight back to this process's queue.
            send.MessageId = commandId;
            send.CorrelationId = process.CorrelationId;
            send.ResponseAddress = context.ReceiveContext.InputAddress;
        });

        var journal = context.GetServiceOrCreateInstance<IProcessJournal>();
        if (resent)
            await journal.CommandResent(commandId, attempt);
        else
            await journal.CommandSent(process, process.CurrentStep!, commandId, command.GetType().Name, command);

        // The deadline is a column of the process row, saved with it: the next send replaces it, a status
        // that waits for no reply clears it, and the deadline sweep sends StepTimedOut to a process still
        // waiting after it.
        process.AwaitReply(DateTimeOffset.UtcNow, StepTimeouts(context).StepTimeout);
    }

    static StepTimeoutOptions StepTimeouts(ConsumeContext context) =>
        context.GetServiceOrCreateInstance<IOptions<StepTimeoutOptions>>().Value;

    // The same fallback MassTransit uses when it names endpoints, so both sides agree on queue names.
    static IEndpointNameFormatter EndpointNameFormatter(ConsumeContext context)
    {
        var services = context.TryGetPayload(out IServiceScope? scope) ? scope.ServiceProvider
            : context.TryGetPayload(out IServiceProvider? provider) ? provider : null;
        return services?.GetService<IEndpointNameFormatter>() ?? DefaultEndpointNameFormatter.Instance;
    }
}
