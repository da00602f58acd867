using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
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
    ProcessBatchQueries queries, BatchOwner owner, ProcessBreakdowns breakdowns, BatchThroughputs throughputs, TimeProvider clock,
    BatchOperator batchOperator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The batch's operator actions (pause, cancel, …), oldest first.</summary>
    public IReadOnlyList<BatchOperatorAction> OperatorActions { get; private set; } = [];

    /// <summary>What the operator's last action on this page came to (post/redirect/get).</summary>
    [TempData]
    public string? Notice { get; set; }

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
        OperatorActions = await queries.OperatorActionsAsync(batch.BatchId, cancellationToken);
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

    public Task<IActionResult> OnPostRetryBlockedAsync(string id, string? step, CancellationToken cancellationToken) =>
        OperateAsync(id, async batchId =>
        {
            var result = await batchOperator.RetryBlockedAsync(batchId, string.IsNullOrEmpty(step) ? null : step, null, cancellationToken);
            return (result.Outcome, result.Outcome == BatchActionOutcome.Accepted
                ? $"Retry of {Display.Number(result.Count)} blocked {(result.Count == 1 ? "process" : "processes")}{(step is { Length: > 0 } ? $" at {step}" : "")} requested."
                : result.Reason, null);
        });

    public Task<IActionResult> OnPostPauseAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, async batchId => Answer(await batchOperator.PauseAsync(batchId, cancellationToken),
            "Batch paused: no more of its processes start until it is resumed; those running finish."));

    public Task<IActionResult> OnPostResumeAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, async batchId => Answer(await batchOperator.ResumeAsync(batchId, cancellationToken), "Batch resumed."));

    public Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, async batchId => Answer(await batchOperator.CancelAsync(batchId, cancellationToken),
            "Cancel requested: no more of its processes start, running ones stop at their next step, and the batch ends CANCELED."));

    public Task<IActionResult> OnPostRerunFailedAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, async batchId =>
        {
            var result = await batchOperator.RerunFailedAsync(batchId, null, null, cancellationToken);
            return result is { Outcome: BatchActionOutcome.Accepted, Batch: { } rerun }
                ? (result.Outcome, $"Rerun of {Display.Number(rerun.TotalCount)} failed processes started as this batch.", rerun.BatchId)
                : (result.Outcome, result.Reason ?? string.Join(" ", result.Errors?.Values.SelectMany(x => x) ?? []), null);
        });

    private static (BatchActionOutcome, string?, Guid?) Answer(BatchActionResult result, string accepted) =>
        (result.Outcome, result.Outcome == BatchActionOutcome.Accepted ? accepted : result.Reason, null);

    /// <summary>Runs an action and shows what it came to on the batch's page (or the new batch's), after a redirect.</summary>
    private async Task<IActionResult> OperateAsync(string id, Func<Guid, Task<(BatchActionOutcome Outcome, string? Notice, Guid? Show)>> operate)
    {
        if (!Guid.TryParse(id, out var batchId))
        {
            Problem = PageProblem.MalformedId("Process batch", id);
            Response.StatusCode = Problem.StatusCode;
            return Page();
        }

        var (outcome, notice, show) = await operate(batchId);
        Notice = outcome == BatchActionOutcome.NotFound ? $"There is no process batch with id {batchId}." : notice;

        // Post/redirect/get, so a reload does not repeat the action.
        return RedirectToPage(new { id = show ?? batchId });
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

    /// <summary>
    /// The batch as the page shows it (as last counted, <see cref="BatchOwner.GetLastCountedAsync"/>), for
    /// the page's live script: a page handler, so the page's own session (cookie) reads it, where the API
    /// takes bearer tokens only.
    /// </summary>
    public async Task<IActionResult> OnGetBatchAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } batch
            ? new JsonResult(batch, json.Value.SerializerOptions)
            : StatusCode(Problem!.StatusCode);

    private async Task<BatchView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var batchId))
        {
            Problem = PageProblem.MalformedId("Process batch", id);
            return null;
        }

        // Never waits for a recount: the page answers in the same time for ten processes and a million.
        var batch = await owner.GetLastCountedAsync(batchId, cancellationToken);
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
