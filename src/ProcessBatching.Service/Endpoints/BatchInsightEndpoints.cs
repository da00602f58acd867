using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Service.Endpoints;

/// <summary>Where a process batch hurts and how fast it goes: what the batch page shows beside its counts.</summary>
public static class BatchInsightEndpoints
{
    public static IEndpointRouteBuilder MapBatchInsightEndpoints(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/api/process-batches").WithTags("Process batches");
        batches.MapGet("/{batchId}/breakdown", BreakdownAsync).WithName("GetProcessBatchBreakdown");
        batches.MapGet("/{batchId}/throughput", ThroughputAsync).WithName("GetProcessBatchThroughput");
        return app;
    }

    /// <summary>
    /// The batch's processes counted by current step and status, and by error code; PENDING and COMPLETED
    /// from the batch as stored, or with <c>refresh=true</c> from counts at most a second old.
    /// </summary>
    public static async Task<Results<Ok<BatchBreakdown>, ProblemHttpResult, ValidationProblem>> BreakdownAsync(
        string batchId, bool? refresh, ProcessBreakdowns breakdowns, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        return await breakdowns.GetAsync(id, refresh == true, cancellationToken) is { } breakdown
            ? TypedResults.Ok(breakdown)
            : Problems.NotFound($"No process batch {id}.");
    }

    /// <summary>
    /// Processes finished per second over the last minute and over the batch's life, and what is left;
    /// with <c>refresh=true</c> from counts at most a second old.
    /// </summary>
    public static async Task<Results<Ok<BatchThroughput>, ProblemHttpResult, ValidationProblem>> ThroughputAsync(
        string batchId, bool? refresh, BatchThroughputs throughputs, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        return await throughputs.GetAsync(id, refresh == true, cancellationToken) is { } throughput
            ? TypedResults.Ok(throughput)
            : Problems.NotFound($"No process batch {id}.");
    }
}
