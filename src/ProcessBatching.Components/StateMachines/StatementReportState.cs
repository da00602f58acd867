using MassTransit;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.StateMachines;

/// <summary>One StatementReport process: a row of <c>commandbus.process</c>.</summary>
public class StatementReportState : SagaStateMachineInstance
{
    /// <summary>The process id.</summary>
    public Guid CorrelationId { get; set; }

    /// <summary>MassTransit state name (PascalCase); the status column holds <see cref="ProcessStatus"/>.</summary>
    public string? CurrentState { get; set; }

    public string Domain { get; set; } = ProcessDomain.Name;
    public string ProcessType { get; set; } = StatementReportSteps.ProcessType;
    public string? CurrentStep { get; set; }
    /// <summary>The process's own data: its request and its progress through the steps (the <c>state</c> column).</summary>
    public StatementReportData Data { get; set; } = new();
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public Guid? BatchId { get; set; }

    /// <summary>
    /// When the reply to the current command is due (<c>step_due_at</c>), while the process waits for
    /// one; null otherwise. A sweep sends <see cref="StepTimedOut"/> to a process past it.
    /// </summary>
    public DateTimeOffset? StepDueAt { get; set; }

    public void Begin(StartProcess start, DateTimeOffset now)
    {
        // A row created by batch creation already carries its batch id and creation time.
        BatchId = start.BatchId ?? BatchId;
        CreatedAt = CreatedAt == default ? now : CreatedAt;
        if (start.Request is not null)
        {
            Data = StatementReportData.From(start.Request);
        }
        else if (Data.AccountList.Count == 0)
        {
            // Nothing to work on: neither the message nor a written row says what to report. Faulting
            // puts the message in the endpoint's error queue, where an operator sees it.
            throw new ProcessDataMissingException(CorrelationId);
        }
    }

    /// <summary>Moving to the next step inside one status (WAITING_FOR_REPLY) is no status change; the row still says when.</summary>
    public void PrepareCommand(string step, DateTimeOffset now)
    {
        CurrentStep = step;
        UpdatedAt = now;
        Data.CurrentCommandId = Guid.NewGuid();
        Data.CommandAttempt = 1;
    }

    /// <summary>The current command goes out again with the same id, so whichever reply comes first counts.</summary>
    public void PrepareResend(DateTimeOffset now)
    {
        UpdatedAt = now;
        Data.CommandAttempt++;
    }

    /// <summary>The current command went out: its reply is due after <paramref name="timeout"/>.</summary>
    public void AwaitReply(DateTimeOffset now, TimeSpan timeout) => StepDueAt = now + timeout;

    /// <summary>The process entered a status that waits for no reply (answered, given up, finished).</summary>
    public void StopAwaitingReply() => StepDueAt = null;

    public bool IsCurrentAttempt(StepTimedOut deadline) =>
        IsCurrentCommand(deadline.CommandId) && Data.CommandAttempt == deadline.Attempt;

    public bool IsCurrentCommand(Guid commandId) => Data.CurrentCommandId == commandId;

    public void RecordStepResult(string resultPath)
    {
        var step = CurrentStep ?? throw new InvalidOperationException("No step is running");
        Data.ResultPaths[step] = resultPath;
        Data.CompletedSteps.Add(step);
        ClearError();
    }

    public void RecordError(string errorCode, string errorMessage)
    {
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>
    /// Stops the process because its batch was canceled: it ends CANCELED (after compensating what it
    /// did) with <see cref="BatchCanceledError"/>, keeping the error it had, if any, in the message.
    /// </summary>
    public void StopWithBatch()
    {
        Data.BatchCanceled = true;
        var canceled = BatchId is { } batchId ? $"Canceled with its batch {batchId}" : "Canceled with its batch";
        RecordError(BatchCanceledError, ErrorCode is null ? canceled : $"{canceled} (was {ErrorCode}: {ErrorMessage})");
    }

    /// <summary>The error code of a process that ended because its batch was canceled.</summary>
    public const string BatchCanceledError = "BATCH_CANCELED";

    public void ClearError()
    {
        ErrorCode = null;
        ErrorMessage = null;
    }
}
