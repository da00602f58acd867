using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Service.Endpoints;

public static class BatchEndpoints
{
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/batches/{batchId}", GetAsync).WithName("GetBatch").WithTags("Batches");
        return app;
    }

    /// <summary>Any batch, command or process, with its counts refreshed on read (S093 AC5), at most a second old.</summary>
    public static async Task<Results<Ok<BatchView>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string batchId, PolledBatchRefresh refresh, ProcessBatchQueries queries,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        // Counted at most once a second per batch, however many clients poll it.
        await refresh.RefreshAsync(id, cancellationToken);

        var batch = await queries.GetBatchAsync(id, cancellationToken);
        return batch is null ? Problems.NotFound($"No batch {id}.") : TypedResults.Ok(batch);
    }
}
