using Microsoft.AspNetCore.Http.HttpResults;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Endpoints;

/// <summary>The query parameters every list shares: a status filter and page / page_size.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>
    /// The most rows a page may skip: ten times the largest batch. Far past it a page number only
    /// overflows the offset (a 500) or makes PostgreSQL walk millions of rows to show nothing.
    /// </summary>
    public const int MaxRowsSkipped = 10_000_000;

    /// <summary>The last page number that <paramref name="pageSize"/> rows a page can reach.</summary>
    public static int MaxPage(int pageSize) => MaxRowsSkipped / pageSize + 1;

    /// <summary>Null when the parameters are valid; <paramref name="filter"/> is the status asked for, if any.</summary>
    public static Dictionary<string, string[]>? Validate<TStatus>(string? status, int? page, int? pageSize, out TStatus? filter)
        where TStatus : struct, Enum
    {
        var errors = new Dictionary<string, string[]>();
        filter = null;
        if (status is not null)
        {
            if (StoryName<TStatus>.TryParse(status, out var parsed))
            {
                filter = parsed;
            }
            else
            {
                errors["status"] = [$"status must be one of {string.Join(", ", StoryName<TStatus>.All)}."];
            }
        }

        if (page is < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["page_size"] = [$"page_size must be between 1 and {MaxPageSize}."];
        }
        else if (page > MaxPage(pageSize ?? DefaultPageSize))
        {
            errors["page"] = [$"page must be at most {MaxPage(pageSize ?? DefaultPageSize)} with page_size {pageSize ?? DefaultPageSize}."];
        }

        return errors.Count == 0 ? null : errors;
    }

    public static ValidationProblem MalformedId(string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} must be a UUID."] });
}
