using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
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
            .ThenAsync(context => SendCommand(context, StatementReportSteps.CreateCommand(context.Saga)))
            .TransitionTo(machine.WaitingForReply);

    /// <summary>The current step is done: run the next one, or complete the process after the last.</summary>
    public static EventActivityBinder<StatementReportState, T> ContinueAfterStep<T>(this EventActivityBinder<StatementReportState, T> binder,
        StatementReportStateMachine machine)
        where T : class =>
        binder.IfElse(context => StatementReportSteps.After(context.Saga.CurrentStep!) is not null,
            next => next.RunStep(machine, context => StatementReportSteps.After(context.Saga.CurrentStep!)!),
            last => last.TransitionTo(machine.Completed));

    /// <summary>Undoes the latest completed step not yet undone; once none is left the process ends.</summary>
    public static EventActivityBinder<StatementReportState, T> CompensateOrFinish<T>(this EventActivityBinder<StatementReportState, T> binder,
        StatementReportStateMachine machine)
        where T : class =>
        binder.IfElse(context => context.Saga.State.NextStepToCompensate() is not null,
            compensate => compensate
                .Then(context => context.Saga.PrepareCommand(context.Saga.State.NextStepToCompensate()!, DateTimeOffset.UtcNow))
                .TransitionTo(machine.Compensating)
                .ThenAsync(context => SendCommand(context, StatementReportSteps.CreateCompensation(context.Saga))),
            done => done.IfElse(context => context.Saga.State.CanceledByOperator,
                canceled => canceled.TransitionTo(machine.Compensated),
                rejected => rejected.TransitionTo(machine.Canceled)));

    /// <summary>Journals the answer to the current command: its audit reply and its command status.</summary>
    public static EventActivityBinder<StatementReportState, T> Journal<T>(this EventActivityBinder<StatementReportState, T> binder,
        string outcome, string commandStatus, Func<T, (string Code, string Message)>? error = null)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            var journal = context.GetServiceOrCreateInstance<IProcessJournal>();
            var commandId = context.Saga.State.CurrentCommandId!.Value;
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
            .ThenAsync(context => context.GetServiceOrCreateInstance<IProcessJournal>().CommandStatusChanged(
                context.Saga.State.CurrentCommandId!.Value, CommandStatus.InTroubleshootingQueue,
                context.Saga.ErrorCode, context.Saga.ErrorMessage))
            .TransitionTo(machine.WaitingForTsq);

    /// <summary>Stamps the process and publishes ProcessStatusChanged; bound once to every state's entry.</summary>
    public static EventActivityBinder<StatementReportState, State> AnnounceStatusChange(
        this EventActivityBinder<StatementReportState, State> binder) =>
        binder
            .Then(context =>
            {
                context.Saga.UpdatedAt = DateTimeOffset.UtcNow;
                if (ProcessStatus.IsFinal(ProcessStatus.FromStateName(context.Message.Name)))
                    context.Saga.CompletedAt = context.Saga.UpdatedAt;
            })
            .Publish(context => new ProcessStatusChanged(context.Saga.CorrelationId, context.Saga.BatchId,
                context.Saga.ProcessType, ProcessStatus.FromStateName(context.Saga.CurrentState),
                ProcessStatus.FromStateName(context.Message.Name), context.Saga.CurrentStep,
                context.Saga.ErrorCode, context.Saga.ErrorMessage, context.Saga.UpdatedAt));


    static async Task SendCommand(BehaviorContext<StatementReportState> context, object command)
    {
        var process = context.Saga;
        var commandId = process.State.CurrentCommandId!.Value;
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

        await context.GetServiceOrCreateInstance<IProcessJournal>()
            .CommandSent(process, process.CurrentStep!, commandId, command.GetType().Name, command);
    }

    // The same fallback MassTransit uses when it names endpoints, so both sides agree on queue names.
    static IEndpointNameFormatter EndpointNameFormatter(ConsumeContext context)
    {
        var services = context.TryGetPayload(out IServiceScope? scope) ? scope.ServiceProvider
            : context.TryGetPayload(out IServiceProvider? provider) ? provider : null;
        return services?.GetService<IEndpointNameFormatter>() ?? DefaultEndpointNameFormatter.Instance;
    }
}
