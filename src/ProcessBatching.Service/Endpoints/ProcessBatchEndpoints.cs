using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Service.Endpoints;

public static class ProcessBatchEndpoints
{
    /// <summary>How many of a new batch's processes its answer lists.</summary>
    public const int ProcessesInAnswer = 100;

    public static IEndpointRouteBuilder MapProcessBatchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/processes/batch", CreateAsync).WithName("CreateProcessBatch").WithTags("Process batches")
            .Accepts<StartProcessBatch>("application/json");

        var batches = app.MapGroup("/api/process-batches").WithTags("Process batches");
        batches.MapGet("/", ListAsync).WithName("ListProcessBatches");
        batches.MapGet("/{batchId}", GetAsync).WithName("GetProcessBatch");
        batches.MapGet("/{batchId}/processes", ListProcessesAsync).WithName("ListProcessBatchProcesses");
        return app;
    }

    public static Task<Results<Created<CreatedProcessBatch>, Ok<CreatedProcessBatch>, ValidationProblem>> CreateAsync(
        HttpRequest request, ProcessBatchService batches, CancellationToken cancellationToken) =>
        Creation.AnswerAsync<StartProcessBatch, CreatedProcessBatch>(request, async body =>
        {
            var (view, created) = await batches.CreateAsync(body, cancellationToken);
            var processes = await batches.FirstProcessesAsync(view, ProcessesInAnswer, cancellationToken);
            var answer = new CreatedProcessBatch(
                view.BatchId, view.Status, view.TotalCount, view.CompletedCount, processes, view.TotalCount,
                created ? $"Created {view.TotalCount} processes in batch {view.BatchId}." : $"Batch {view.BatchId} exists already; nothing was created.");
            return (answer, view.BatchId, created);
        }, cancellationToken);

    public static async Task<Results<Ok<Paged<BatchView>>, ValidationProblem>> ListAsync(
        ProcessBatchQueries queries, string? status, int? page, int? page_size, CancellationToken cancellationToken)
    {
        if (Paging.Validate<BatchStatus>(status, page, page_size, out var filter) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await queries.ListProcessBatchesAsync(filter, page ?? 1, page_size ?? Paging.DefaultPageSize, cancellationToken));
    }

    /// <summary>
    /// A process batch as stored, with its operator actions, in one round trip; with <c>refresh=true</c>
    /// (what the CLI's watch polls) an open batch's counts are at most <see cref="BatchOwner.ReaderFreshness"/> old.
    /// </summary>
    public static async Task<Results<Ok<BatchView>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string batchId, bool? refresh, BatchPageReader reader, ProcessBatchQueries queries, BatchOwner owner, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        if (refresh != true)
        {
            return await reader.ReadAsync(id, BatchPageParts.OperatorActions, null, cancellationToken) is { } read
                ? TypedResults.Ok(read.Batch with { OperatorActions = read.OperatorActions })
                : Problems.NotFound($"No process batch {id}.");
        }

        return await owner.GetAsync(id, BatchOwner.ReaderFreshness, cancellationToken) is { BatchType: BatchType.Process } batch
            ? TypedResults.Ok(batch with { OperatorActions = await queries.OperatorActionsAsync(id, cancellationToken) })
            : Problems.NotFound($"No process batch {id}.");
    }

    /// <summary>A page of a process batch's processes, of one status or all, with the batch in one round trip.</summary>
    public static async Task<Results<Ok<Paged<ProcessSummary>>, ProblemHttpResult, ValidationProblem>> ListProcessesAsync(
        string batchId, BatchPageReader reader, string? status, int? page, int? page_size, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchId, out var id))
        {
            return Paging.MalformedId("batch_id");
        }

        if (Paging.Validate<ProcessStatus>(status, page, page_size, out var filter) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var request = new ProcessPageRequest(filter, page ?? 1, page_size ?? Paging.DefaultPageSize);
        return await reader.ReadAsync(id, BatchPageParts.None, request, cancellationToken) is { Processes: { } processes }
            ? TypedResults.Ok(processes)
            : Problems.NotFound($"No process batch {id}.");
    }
}
