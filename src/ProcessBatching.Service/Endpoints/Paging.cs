using Microsoft.AspNetCore.Http.HttpResults;

namespace ProcessBatching.Service.Endpoints;

/// <summary>The query parameters every list shares: a status filter and page / page_size.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static Dictionary<string, string[]>? Validate(string? status, IReadOnlyCollection<string> statuses, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !statuses.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", statuses)}."];
        }

        if (page is < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["page_size"] = [$"page_size must be between 1 and {MaxPageSize}."];
        }

        return errors.Count == 0 ? null : errors;
    }

    public static ValidationProblem MalformedId(string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} must be a UUID."] });
}
