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
    /// from the batch as stored (one round trip with the batch), or with <c>refresh=true</c> from counts
    /// at most a second old.
    /// </summary>
    public static async Task<Results<Ok<BatchBreakdown>, ProblemHttpResult, ValidationProblem>> BreakdownAsync(
        string batchId, bool? refresh, BatchPageReader reader, ProcessBreakdowns breakdowns, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        var breakdown = refresh == true
            ? await breakdowns.FreshAsync(id, cancellationToken)
            : (await reader.ReadAsync(id, BatchPageParts.Breakdown, null, cancellationToken))?.Breakdown;
        return breakdown is not null
            ? TypedResults.Ok(breakdown)
            : Problems.NotFound($"No process batch {id}.");
    }

    /// <summary>
    /// Processes finished per second over the last minute and over the batch's life, and what is left, in
    /// one round trip with the batch; with <c>refresh=true</c> from counts at most a second old.
    /// </summary>
    public static async Task<Results<Ok<BatchThroughput>, ProblemHttpResult, ValidationProblem>> ThroughputAsync(
        string batchId, bool? refresh, BatchPageReader reader, BatchThroughputs throughputs, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        var throughput = refresh == true
            ? await throughputs.FreshAsync(id, cancellationToken)
            : (await reader.ReadAsync(id, BatchPageParts.Pace, null, cancellationToken))?.Pace;
        return throughput is not null
            ? TypedResults.Ok(throughput)
            : Problems.NotFound($"No process batch {id}.");
    }
}
