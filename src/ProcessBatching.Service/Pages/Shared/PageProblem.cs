namespace ProcessBatching.Service.Pages.Shared;

/// <summary>Why a page has nothing to show (unknown or malformed id); rendered by <c>_Problem</c> with its status code.</summary>
public sealed record PageProblem(int StatusCode, string Title, string Message)
{
    public static PageProblem NotFound(string what, Guid id) =>
        new(StatusCodes.Status404NotFound, $"{what} not found", $"There is no {what.ToLowerInvariant()} with id {id}.");

    public static PageProblem MalformedId(string what, string id) =>
        new(StatusCodes.Status400BadRequest, $"Not a {what.ToLowerInvariant()} id", $"“{id}” is not a valid {what.ToLowerInvariant()} id; ids are UUIDs.");
}
