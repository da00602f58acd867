using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>
/// One process batch: its counts and progress, its pace (<see cref="BatchPace"/>), where its processes
/// are (<see cref="BatchBreakdown"/>) and its processes, page by page. While the batch runs, batch-live.js
/// polls the batch's JSON, the process table (<c>handler=Processes</c>) and the rest (<c>handler=Live</c>).
/// </summary>
public sealed class DetailsModel(
    ProcessBatchQueries queries, BatchOwner owner, ProcessBreakdowns breakdowns, BatchThroughputs throughputs, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public PageProblem? Problem { get; private set; }

    public BatchFigures Figures { get; private set; } = null!;

    public ProcessTable Processes { get; private set; } = null!;

    public BatchView Batch => Figures.Batch;

    public BatchPace Pace { get; private set; } = null!;

    public BatchBreakdown Breakdown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string? status, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } batch)
        {
            Response.StatusCode = Problem!.StatusCode;
            return Page();
        }

        (var page, Problem) = PageProblem.PageNumber(pageNumber, PageSize);
        if (Problem is not null)
        {
            Response.StatusCode = Problem.StatusCode;
            return Page();
        }

        Figures = new BatchFigures(batch, clock.GetUtcNow());
        Processes = await LoadProcessesAsync(batch, status, page, cancellationToken);
        await LoadLiveAsync(batch, cancellationToken);
        return Page();
    }

    /// <summary>The page's parts the server alone renders (pace, chart, breakdown), for the live script to swap in.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } batch)
        {
            return StatusCode(Problem!.StatusCode);
        }

        Figures = new BatchFigures(batch, clock.GetUtcNow());
        await LoadLiveAsync(batch, cancellationToken);
        return Partial("_BatchLive", this);
    }

    /// <summary>The process table alone: the page's live script swaps it in while the batch runs.</summary>
    public async Task<IActionResult> OnGetProcessesAsync(string id, string? status, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } batch)
        {
            return StatusCode(Problem!.StatusCode);
        }

        var (page, problem) = PageProblem.PageNumber(pageNumber, PageSize);
        return problem is not null
            ? StatusCode(problem.StatusCode)
            : Partial("_ProcessTable", await LoadProcessesAsync(batch, status, page, cancellationToken));
    }

    private async Task<BatchView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var batchId))
        {
            Problem = PageProblem.MalformedId("Process batch", id);
            return null;
        }

        var batch = await owner.GetAsync(batchId, BatchOwner.ReaderFreshness, cancellationToken);
        Problem = batch is { BatchType: BatchType.Process } ? null : PageProblem.NotFound("Process batch", batchId);
        return Problem is null ? batch : null;
    }

    private async Task LoadLiveAsync(BatchView batch, CancellationToken cancellationToken)
    {
        Pace = new BatchPace(Figures, await throughputs.OfAsync(batch, cancellationToken));
        Breakdown = await breakdowns.OfAsync(batch, cancellationToken);
    }

    private async Task<ProcessTable> LoadProcessesAsync(BatchView batch, string? status, int pageNumber, CancellationToken cancellationToken)
    {
        var filter = StatusFilter.Parse<ProcessStatus>(status);
        var page = await queries.ListProcessesAsync(batch.BatchId, batch.TotalCount, filter, pageNumber, PageSize, cancellationToken);
        return new ProcessTable(page, filter is { } wanted ? StoryName<ProcessStatus>.Of(wanted) : null);
    }
}
