using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.CommandBatches;

namespace ProcessBatching.Service.Endpoints;

public static class BatchEndpoints
{
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/batches/{batchId}", GetAsync).WithName("GetBatch").WithTags("Batches");
        app.MapPost("/api/batches", CreateAsync).WithName("CreateCommandBatch").WithTags("Batches")
            .Accepts<StartCommandBatch>("application/json");
        return app;
    }

    /// <summary>A COMMAND batch: step commands sent outside any process, counted from their command rows.</summary>
    public static Task<Results<Created<CreatedCommandBatch>, Ok<CreatedCommandBatch>, ValidationProblem>> CreateAsync(
        HttpRequest request, CommandBatchService batches, CancellationToken cancellationToken) =>
        Creation.AnswerAsync<StartCommandBatch, CreatedCommandBatch>(request, async body =>
        {
            var (batchId, created) = await batches.CreateAsync(body, cancellationToken);
            return (new CreatedCommandBatch(batchId, created ? "Created." : "The batch exists already; nothing was sent."), batchId, created);
        }, cancellationToken);

    public sealed record CreatedCommandBatch(Guid BatchId, string Message);

    /// <summary>Any batch, command or process, with its counts refreshed on read (S093 AC5), at most a second old.</summary>
    public static async Task<Results<Ok<BatchView>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string batchId, BatchOwner owner, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        var batch = await owner.GetAsync(id, BatchOwner.ReaderFreshness, cancellationToken);
        return batch is null ? Problems.NotFound($"No batch {id}.") : TypedResults.Ok(batch);
    }
}
