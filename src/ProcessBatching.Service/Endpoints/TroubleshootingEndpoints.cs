using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Endpoints;

/// <summary>The troubleshooting queue across batches, as the troubleshooting page lists it.</summary>
public static class TroubleshootingEndpoints
{
    private static readonly string Waiting = StoryName<ProcessStatus>.Of(ProcessStatus.InTroubleshootingQueue);

    public static IEndpointRouteBuilder MapTroubleshootingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/processes", ListAsync).WithName("ListProcesses").WithTags("Processes");
        return app;
    }

    /// <summary>
    /// Processes of every batch in one status, paged, ordered by batch, step, error code and process;
    /// <c>status</c> is required and only <c>WAITING_FOR_TSQ</c> is listed across batches (a batch's
    /// processes in any status: <c>/api/process-batches/{id}/processes</c>).
    /// </summary>
    public static async Task<Results<Ok<Paged<ProcessSummary>>, ValidationProblem>> ListAsync(
        TroubleshootingQueries queries, string? status, string? batch_id, string? step, string? error_code, int? page, int? page_size,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate<ProcessStatus>(status, page, page_size, out var filter) ?? [];
        if (!errors.ContainsKey("status") && filter is not ProcessStatus.InTroubleshootingQueue)
        {
            errors["status"] = [$"status is required and must be {Waiting}: the processes of every batch are listed only from the troubleshooting queue; a batch's processes in any status are at /api/process-batches/{{id}}/processes."];
        }

        Guid? batchId = null;
        if (batch_id is not null)
        {
            if (Guid.TryParse(batch_id, out var parsed))
            {
                batchId = parsed;
            }
            else
            {
                errors["batch_id"] = ["batch_id must be a UUID."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var wanted = new TroubleshootingFilter(batchId, Blank(step), Blank(error_code));
        return TypedResults.Ok(await queries.ListAsync(wanted, page ?? 1, page_size ?? Paging.DefaultPageSize, cancellationToken));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
