using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Service.Endpoints;

/// <summary>The shape every create endpoint shares: read the body, create, answer 201 (new) or 200 (the same id again).</summary>
public static class Creation
{
    /// <summary>Where a created batch is read (the Location of a 201).</summary>
    public static string Location(Guid batchId) => $"/api/batches/{batchId}";

    public static async Task<Results<Created<TAnswer>, Ok<TAnswer>, ValidationProblem>> AnswerAsync<TBody, TAnswer>(
        HttpRequest request, Func<TBody, Task<(TAnswer Answer, Guid BatchId, bool Created)>> create, CancellationToken cancellationToken)
        where TBody : class
    {
        var (body, errors) = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var (answer, batchId, created) = await create(body!);
            return created ? TypedResults.Created(Location(batchId), answer) : TypedResults.Ok(answer);
        }
        catch (ProcessBatchValidationException exception)
        {
            return TypedResults.ValidationProblem(exception.Errors);
        }
    }
}
