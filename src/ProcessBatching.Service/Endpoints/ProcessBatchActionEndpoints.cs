using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Service.Endpoints;

/// <summary>
/// An operator's actions on a whole process batch (<see cref="BatchOperator"/>): retry its blocked
/// processes, cancel it, pause and resume its dispatch, rerun its failed processes as a new batch.
/// 404 for an unknown batch, 409 problem details when the action does not apply to it as it stands.
/// </summary>
public static class ProcessBatchActionEndpoints
{
    private const int MaxErrorCodeLength = 200;

    public static IEndpointRouteBuilder MapProcessBatchActionEndpoints(this IEndpointRouteBuilder app)
    {
        var batch = app.MapGroup("/api/process-batches/{batchId}").WithTags("Process batches");
        batch.MapPost("/retry-blocked", RetryBlockedAsync).WithName("RetryBlockedProcesses");
        batch.MapPost("/cancel", CancelAsync).WithName("CancelProcessBatch");
        batch.MapPost("/pause", PauseAsync).WithName("PauseProcessBatch");
        batch.MapPost("/resume", ResumeAsync).WithName("ResumeProcessBatch");
        batch.MapPost("/rerun-failed", RerunFailedAsync).WithName("RerunFailedProcesses")
            .Accepts<RerunFailedRequest>(isOptional: true, "application/json");
        return app;
    }

    /// <summary>The answer to retry-blocked: how many processes were waiting in the troubleshooting queue and are retried.</summary>
    public sealed record RetriedBlocked(int Retried);

    /// <summary>The optional body of rerun-failed: the new batch's id (safe to repeat) and name.</summary>
    public sealed record RerunFailedRequest(Guid? BatchId = null, string? Name = null);

    /// <summary>Every process of the batch waiting in the troubleshooting queue, optionally only at <c>step</c> and with <c>error_code</c>.</summary>
    public static async Task<Results<Accepted<RetriedBlocked>, ProblemHttpResult, ValidationProblem>> RetryBlockedAsync(
        string batchId, string? step, string? error_code, BatchOperator batches, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Guid.TryParse(batchId, out var id))
        {
            errors["batch_id"] = ["batch_id must be a UUID."];
        }

        if (step is not null && !StatementReportSteps.All.Contains(step))
        {
            errors["step"] = [$"step must be one of {string.Join(", ", StatementReportSteps.All)}."];
        }

        if (error_code is not null && (error_code.Length == 0 || error_code.Length > MaxErrorCodeLength))
        {
            errors["error_code"] = [$"error_code must be 1 to {MaxErrorCodeLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await batches.RetryBlockedAsync(id, step, error_code, cancellationToken);
        return result.Outcome == BatchActionOutcome.Accepted
            ? TypedResults.Accepted($"/api/process-batches/{id}", new RetriedBlocked(result.Count))
            : Refused(id, result);
    }

    /// <summary>Cancels the batch: 202, and it ends CANCELED once its running processes have stopped.</summary>
    public static Task<Results<Accepted<BatchView>, Ok<BatchView>, ProblemHttpResult, ValidationProblem>> CancelAsync(
        string batchId, BatchOperator batches, CancellationToken cancellationToken) =>
        ActAsync(batchId, id => batches.CancelAsync(id, cancellationToken), accepted: true);

    /// <summary>Stops dispatching the batch's PENDING processes: 200 with the batch, now paused.</summary>
    public static Task<Results<Accepted<BatchView>, Ok<BatchView>, ProblemHttpResult, ValidationProblem>> PauseAsync(
        string batchId, BatchOperator batches, CancellationToken cancellationToken) =>
        ActAsync(batchId, id => batches.PauseAsync(id, cancellationToken), accepted: false);

    public static Task<Results<Accepted<BatchView>, Ok<BatchView>, ProblemHttpResult, ValidationProblem>> ResumeAsync(
        string batchId, BatchOperator batches, CancellationToken cancellationToken) =>
        ActAsync(batchId, id => batches.ResumeAsync(id, cancellationToken), accepted: false);

    /// <summary>A new batch of the finished batch's FAILED and CANCELED processes: 201 like a new batch (200 for the same batch_id again).</summary>
    public static async Task<Results<Created<CreatedProcessBatch>, Ok<CreatedProcessBatch>, ProblemHttpResult, ValidationProblem>> RerunFailedAsync(
        string batchId, HttpRequest request, BatchOperator batches, ProcessBatchService service, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        var (body, errors) = await JsonBody.ReadOptionalAsync<RerunFailedRequest>(request, cancellationToken);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await batches.RerunFailedAsync(id, body?.BatchId, body?.Name, cancellationToken);
        if (result.Errors is not null)
        {
            return TypedResults.ValidationProblem(result.Errors);
        }

        if (result is not { Outcome: BatchActionOutcome.Accepted, Batch: { } rerun })
        {
            return result.Outcome == BatchActionOutcome.NotFound ? Problems.NotFound($"No process batch {id}.") : Problems.Conflict(result.Reason!);
        }

        var answer = new CreatedProcessBatch(
            rerun.BatchId, rerun.Status, rerun.TotalCount, rerun.CompletedCount,
            await service.FirstProcessesAsync(rerun, ProcessBatchEndpoints.ProcessesInAnswer, cancellationToken), rerun.TotalCount,
            result.Created
                ? $"Created {rerun.TotalCount} processes in batch {rerun.BatchId}, a rerun of the failed processes of batch {id}."
                : $"Batch {rerun.BatchId} exists already; nothing was created.")
        {
            ParentBatchId = id,
        };
        return result.Created ? TypedResults.Created(Creation.Location(rerun.BatchId), answer) : TypedResults.Ok(answer);
    }

    private static async Task<Results<Accepted<BatchView>, Ok<BatchView>, ProblemHttpResult, ValidationProblem>> ActAsync(
        string batchId, Func<Guid, Task<BatchActionResult>> act, bool accepted)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        var result = await act(id);
        if (result is not { Outcome: BatchActionOutcome.Accepted, Batch: { } batch })
        {
            return Refused(id, result);
        }

        return accepted ? TypedResults.Accepted($"/api/process-batches/{id}", batch) : TypedResults.Ok(batch);
    }

    private static ProblemHttpResult Refused(Guid id, BatchActionResult result) =>
        result.Outcome == BatchActionOutcome.NotFound ? Problems.NotFound($"No process batch {id}.") : Problems.Conflict(result.Reason!);
}
