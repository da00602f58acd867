using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProcessBatching.Components.Batches;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

public sealed class IndexModel(ProcessBatchQueries queries, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    public Paged<BatchView> Batches { get; private set; } = new([], 1, PageSize, 0);

    public string? Status { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    // "page" is also Razor Pages' own route value, so the query value is read explicitly.
    public async Task OnGetAsync(string? status, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        Status = StatusFilter.Parse(status, BatchStatuses.All);
        Batches = await queries.ListProcessBatchesAsync(Status, Math.Max(1, pageNumber ?? 1), PageSize, cancellationToken);
    }
}
