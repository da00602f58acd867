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
/// Each answer is one round trip to the database (<see cref="BatchPageReader"/>).
/// </summary>
public sealed class DetailsModel(
    BatchPageReader reader, BatchOwner owner, TimeProvider clock,
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
        var (processes, pageProblem) = ProcessPage(status, pageNumber);
        var read = await ReadAsync(id, BatchPageParts.OperatorActions | BatchPageParts.Live, processes, cancellationToken);
        Problem ??= pageProblem;
        if (read is null || Problem is not null)
        {
            Response.StatusCode = Problem!.StatusCode;
            return Page();
        }

        ShowLive(read);
        Processes = Table(processes!, read.Processes!);
        OperatorActions = read.OperatorActions!;
        return Page();
    }

    /// <summary>The page's parts the server alone renders (pace, chart, breakdown), for the live script to swap in.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, BatchPageParts.Live, null, cancellationToken) is not { } read)
        {
            return StatusCode(Problem!.StatusCode);
        }

        ShowLive(read);
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
        var (processes, pageProblem) = ProcessPage(status, pageNumber);
        return await ReadAsync(id, BatchPageParts.None, processes, cancellationToken) is not { } read
            ? StatusCode(Problem!.StatusCode)
            : pageProblem is not null
                ? StatusCode(pageProblem.StatusCode)
                : Partial("_ProcessTable", Table(processes!, read.Processes!));
    }

    /// <summary>
    /// The batch as the page shows it (as last counted, <see cref="BatchOwner.RecountForNextReader"/>), for
    /// the page's live script: a page handler, so the page's own session (cookie) reads it, where the API
    /// takes bearer tokens only.
    /// </summary>
    public async Task<IActionResult> OnGetBatchAsync(string id, CancellationToken cancellationToken) =>
        await ReadAsync(id, BatchPageParts.None, null, cancellationToken) is { } read
            ? new JsonResult(read.Batch, json.Value.SerializerOptions)
            : StatusCode(Problem!.StatusCode);

    /// <summary>
    /// The batch and <paramref name="parts"/> in one round trip, or null with <see cref="Problem"/> set. Never
    /// waits for a recount: the page answers in the same time for ten processes and a million.
    /// </summary>
    private async Task<BatchPage?> ReadAsync(string id, BatchPageParts parts, ProcessPageRequest? processes, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var batchId))
        {
            Problem = PageProblem.MalformedId("Process batch", id);
            return null;
        }

        var read = await reader.ReadAsync(batchId, parts, processes, cancellationToken);
        owner.RecountForNextReader(read?.Batch);
        Problem = read is null ? PageProblem.NotFound("Process batch", batchId) : null;
        return read;
    }

    private void ShowLive(BatchPage read)
    {
        Figures = new BatchFigures(read.Batch, clock.GetUtcNow());
        Pace = new BatchPace(Figures, read.Pace!);
        Breakdown = read.Breakdown!;
    }

    /// <summary>The page of processes asked for, or the problem with its number (then nothing to read).</summary>
    private static (ProcessPageRequest? Request, PageProblem? Problem) ProcessPage(string? status, int? pageNumber)
    {
        var (page, problem) = PageProblem.PageNumber(pageNumber, PageSize);
        return (problem is null ? new ProcessPageRequest(StatusFilter.Parse<ProcessStatus>(status), page, PageSize) : null, problem);
    }

    private static ProcessTable Table(ProcessPageRequest request, Paged<ProcessSummary> page) =>
        new(page, request.Filter is { } wanted ? StoryName<ProcessStatus>.Of(wanted) : null);
}
