namespace ProcessBatching.Service.Pages.Shared;

/// <summary>Why a page has nothing to show (unknown or malformed id); rendered by <c>_Problem</c> with its status code.</summary>
public sealed record PageProblem(int StatusCode, string Title, string Message)
{
    public static PageProblem NotFound(string what, Guid id) =>
        new(StatusCodes.Status404NotFound, $"{what} not found", $"There is no {what.ToLowerInvariant()} with id {id}.");

    public static PageProblem MalformedId(string what, string id) =>
        new(StatusCodes.Status400BadRequest, $"Not a {what.ToLowerInvariant()} id", $"“{id}” is not a valid {what.ToLowerInvariant()} id; ids are UUIDs.");

    public static PageProblem PageOutOfRange(int page, int maxPage) =>
        new(StatusCodes.Status400BadRequest, "No such page", $"Page {page} is beyond the last page any list here can have ({maxPage}).");

    /// <summary>The page number a list page can show, or the problem with it; a missing or too small page is the first.</summary>
    public static (int Page, PageProblem? Problem) PageNumber(int? requested, int pageSize)
    {
        var maxPage = Endpoints.Paging.MaxPage(pageSize);
        return requested > maxPage ? (1, PageOutOfRange(requested.Value, maxPage)) : (Math.Max(1, requested ?? 1), null);
    }
}
