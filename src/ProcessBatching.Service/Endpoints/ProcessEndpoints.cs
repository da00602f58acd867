using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Service.Endpoints;

public static class ProcessEndpoints
{
    public static IEndpointRouteBuilder MapProcessEndpoints(this IEndpointRouteBuilder app)
    {
        var processes = app.MapGroup("/api/processes/{processId}").WithTags("Processes");
        processes.MapGet("/", GetAsync).WithName("GetProcess");
        processes.MapPost("/retry", (string processId, IProcessOperator @operator, CancellationToken ct) =>
            ActAsync(processId, id => @operator.RetryAsync(id, ct))).WithName("RetryProcessStep");
        processes.MapPost("/complete", (string processId, IProcessOperator @operator, CancellationToken ct) =>
            ActAsync(processId, id => @operator.CompleteAsync(id, ct))).WithName("CompleteProcessStep");
        processes.MapPost("/cancel", (string processId, IProcessOperator @operator, CancellationToken ct) =>
            ActAsync(processId, id => @operator.CancelAsync(id, ct))).WithName("CancelProcess");
        processes.MapPost("/redrive", (string processId, IProcessOperator @operator, CancellationToken ct) =>
            ActAsync(processId, id => @operator.RedriveAsync(id, ct), "is not waiting on a step or to start (final, or in the troubleshooting queue)"))
            .WithName("RedriveProcess");
        return app;
    }

    /// <summary>An operator action: 202, or 409 when the process is not in a status the action applies to.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> ActAsync(
        string processId, Func<Guid, Task<OperatorOutcome>> act, string notApplicable = "is not waiting in the troubleshooting queue")
    {
        if (!Guid.TryParse(processId, out var id))
        {
            return Paging.MalformedId("process_id");
        }

        return await act(id) switch
        {
            OperatorOutcome.Accepted => TypedResults.Accepted($"/api/processes/{id}"),
            OperatorOutcome.NotFound => Problems.NotFound($"No process {id}."),
            _ => Problems.Conflict($"Process {id} {notApplicable}."),
        };
    }

    /// <summary>One process with its state and the audit trail of its step commands.</summary>
    public static async Task<Results<Ok<ProcessDetail>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string processId, ProcessQueries queries, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(processId, out var id))
        {
            return Paging.MalformedId("process_id");
        }

        var process = await queries.GetProcessAsync(id, cancellationToken);
        return process is null ? Problems.NotFound($"No process {id}.") : TypedResults.Ok(process);
    }
}
