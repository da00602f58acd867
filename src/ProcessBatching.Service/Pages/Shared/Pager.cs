namespace ProcessBatching.Service.Pages.Shared;

/// <summary>Previous / next links for a paged table; the links keep the status filter.</summary>
public sealed record Pager(string Label, int Page, int PageCount, long TotalCount, string? Status)
{
    public string Href(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Status is not null)
        {
            query.Add(new("status", Status));
        }

        query.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryString.Create(query).ToString();
    }
}
