namespace ProcessBatching.Service.Pages.Shared;

public sealed record StatusFilter(string Label, IReadOnlyCollection<string> Statuses, string? Selected)
{
    /// <summary>A status from the query string, or null (all) when it is empty or not one of <paramref name="statuses"/>.</summary>
    public static string? Parse(string? status, IReadOnlyCollection<string> statuses) =>
        status is not null && statuses.Contains(status) ? status : null;
}
