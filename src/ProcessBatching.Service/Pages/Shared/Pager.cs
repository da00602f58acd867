namespace ProcessBatching.Service.Pages.Shared;

/// <summary>Previous / next links for a paged table; the links keep the status filter and any other <paramref name="Filters"/>.</summary>
public sealed record Pager(string Label, int Page, int PageCount, long TotalCount, string? Status, IReadOnlyDictionary<string, string?>? Filters = null)
{
    public string Href(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Status is not null)
        {
            query.Add(new("status", Status));
        }

        query.AddRange((Filters ?? new Dictionary<string, string?>()).Where(filter => filter.Value is not null));

        query.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryString.Create(query).ToString();
    }
}
