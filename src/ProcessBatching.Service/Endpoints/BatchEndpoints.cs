using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Service.Endpoints;

public static class BatchEndpoints
{
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/batches/{batchId}", GetAsync).WithName("GetBatch").WithTags("Batches");
        return app;
    }

    /// <summary>Any batch, command or process, with its counts refreshed on read (S093 AC5).</summary>
    public static async Task<Results<Ok<BatchView>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string batchId, NpgsqlDataSource dataSource, BatchStatsRefresher refresher, ProcessBatchQueries queries,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await refresher.RefreshAsync(connection, id, cancellationToken);
        }

        var batch = await queries.GetBatchAsync(id, cancellationToken);
        return batch is null ? Problems.NotFound($"No batch {id}.") : TypedResults.Ok(batch);
    }
}
