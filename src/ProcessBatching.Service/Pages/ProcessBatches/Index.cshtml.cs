using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

public sealed class IndexModel(ProcessBatchQueries queries, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    public Paged<BatchView> Batches { get; private set; } = new([], 1, PageSize, 0);

    public PageProblem? Problem { get; private set; }

    public BatchStatus? Status { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    // "page" is also Razor Pages' own route value, so the query value is read explicitly.
    public async Task OnGetAsync(string? status, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        Status = StatusFilter.Parse<BatchStatus>(status);
        (var page, Problem) = PageProblem.PageNumber(pageNumber, PageSize);
        if (Problem is not null)
        {
            Response.StatusCode = Problem.StatusCode;
            return;
        }

        Batches = await queries.ListProcessBatchesAsync(Status, page, PageSize, cancellationToken);
    }
}
