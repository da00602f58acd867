using MassTransit;
using Microsoft.Extensions.Logging;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Telemetry;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// What an operator sees of a status change besides ProcessStatusChanged: a finished process counts
/// into <c>processbatching_processes_finished_total</c>, and a process that starts waiting in the
/// troubleshooting queue is logged at Information. Runs in the saga's transaction, so a transaction
/// retried after a concurrency fault may count its finish twice.
/// </summary>
public static class ProcessEvents
{
    public static void Record(BehaviorContext<StatementReportState, State> context)
    {
        var status = ProcessStatusExtensions.FromStateName(context.Message.Name);
        if (status.IsFinal())
            context.GetServiceOrCreateInstance<ProcessBatchingMetrics>().ProcessFinished(StoryName<ProcessStatus>.Of(status), context.Saga.ProcessType);

        if (status == ProcessStatus.InTroubleshootingQueue && LogContext.Current?.Logger is { } logger)
        {
            // The step's fault names the process but not its batch: the saga knows both.
            using var scope = logger.BeginScope(new Dictionary<string, object?> { ["process_id"] = context.Saga.CorrelationId, ["batch_id"] = context.Saga.BatchId });
            logger.LogInformation("Process {ProcessId} of batch {BatchId} entered the troubleshooting queue at step {Step}: {ErrorCode} {ErrorMessage}",
                context.Saga.CorrelationId, context.Saga.BatchId, context.Saga.CurrentStep, context.Saga.ErrorCode, context.Saga.ErrorMessage);
        }
    }
}
