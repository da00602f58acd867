using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Service.Endpoints;

public static class ProcessEndpoints
{
    public static IEndpointRouteBuilder MapProcessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/processes/{processId}", GetAsync).WithName("GetProcess").WithTags("Processes");
        return app;
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
