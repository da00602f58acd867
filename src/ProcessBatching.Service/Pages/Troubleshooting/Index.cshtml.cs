using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Processes;
using ProcessBatching.Service.Pages.Shared;
using ProcessBatching.Service.Security;

namespace ProcessBatching.Service.Pages.Troubleshooting;

/// <summary>
/// The troubleshooting queue across batches: the processes waiting for an operator, filtered by batch,
/// step and error code, page by page; an operator retries, completes or cancels a selection of them,
/// one after another, each through <see cref="IProcessOperator"/> in a scope of its own (checked, sent
/// through the outbox and written to the process's audit trail with who asked, as on the process page);
/// the notice says how many were asked, had moved on, were gone, or could not be asked.
/// </summary>
public sealed class IndexModel(
    TroubleshootingQueries queries, IServiceScopeFactory scopes, ILogger<IndexModel> logger, IProcessOperator? processOperator = null) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The most processes one action takes: more than a page, so a page is always one action.</summary>
    public const int MaxSelection = 500;

    public PageProblem? Problem { get; private set; }

    public Paged<ProcessSummary> Processes { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<TroubleshootingGroup> Groups { get; private set; } = [];

    public TroubleshootingFilter Filter { get; private set; } = TroubleshootingFilter.None;

    public bool CanOperate => processOperator is not null && User.Grants(OperatorRoles.Operator);

    public bool IsFiltered => Filter != TroubleshootingFilter.None;

    /// <summary>The filters as the query string carries them (for the pager and after an action).</summary>
    public IReadOnlyDictionary<string, string?> FilterQuery => new Dictionary<string, string?>
    {
        ["batch"] = Filter.BatchId?.ToString(),
        ["step"] = Filter.Step,
        ["error_code"] = Filter.ErrorCode,
    };

    /// <summary>The batches with waiting processes, for the batch filter: value, label, how many wait.</summary>
    public IEnumerable<(string Value, string Label, int Count)> BatchOptions =>
        Options(Groups.Where(group => group.BatchId is not null), group => group.BatchId.ToString()!,
            group => group.BatchName is { Length: > 0 } name ? $"{name} ({group.BatchId.ToString()![..8]})" : group.BatchId.ToString()!,
            Filter.BatchId?.ToString());

    /// <summary>The steps processes wait at (in the batch filtered on, if any).</summary>
    public IEnumerable<(string Value, string Label, int Count)> StepOptions =>
        Options(Groups.Where(group => group.Step is not null && (Filter.BatchId is null || group.BatchId == Filter.BatchId)),
            group => group.Step!, group => group.Step!, Filter.Step);

    /// <summary>The error codes of waiting processes (in the batch and at the step filtered on, if any).</summary>
    public IEnumerable<(string Value, string Label, int Count)> ErrorCodeOptions =>
        Options(Groups.Where(group => group.ErrorCode is not null && (Filter.BatchId is null || group.BatchId == Filter.BatchId)
                && (Filter.Step is null || group.Step == Filter.Step)),
            group => group.ErrorCode!, group => group.ErrorCode!, Filter.ErrorCode);

    /// <summary>A batch as the table names it: its name, else the start of its id.</summary>
    public string BatchLabel(Guid batchId) =>
        Groups.FirstOrDefault(group => group.BatchId == batchId)?.BatchName is { Length: > 0 } name ? name : batchId.ToString()[..8];

    public Pager Pager => new("Troubleshooting pages", Processes.Page, Processes.PageCount, Processes.TotalCount, null, FilterQuery);

    [TempData]
    public string? Notice { get; set; }

    // "page" is also Razor Pages' own route value, so the query value is read explicitly.
    public async Task<IActionResult> OnGetAsync(
        string? batch, string? step, [FromQuery(Name = "error_code")] string? errorCode, [FromQuery(Name = "page")] int? pageNumber,
        CancellationToken cancellationToken)
    {
        if (ParseFilter(batch, step, errorCode) is { } problem)
        {
            return ShowProblem(problem);
        }

        (var page, Problem) = PageProblem.PageNumber(pageNumber, PageSize);
        if (Problem is not null)
        {
            return ShowProblem(Problem);
        }

        Processes = await queries.ListAsync(Filter, page, PageSize, cancellationToken);
        Groups = await queries.GroupsAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRetryAsync(BulkAction form, CancellationToken cancellationToken) =>
        OperateAsync(form, "Retry of the failed step", (op, id) => op.RetryAsync(id, cancellationToken));

    public Task<IActionResult> OnPostCompleteAsync(BulkAction form, CancellationToken cancellationToken) =>
        OperateAsync(form, "Manual completion of the step", (op, id) => op.CompleteAsync(id, cancellationToken));

    public Task<IActionResult> OnPostCancelAsync(BulkAction form, CancellationToken cancellationToken) =>
        OperateAsync(form, "Cancellation (with compensation)", (op, id) => op.CancelAsync(id, cancellationToken));

    /// <summary>One action on each selected process, one after another; the notice says what became of them.</summary>
    private async Task<IActionResult> OperateAsync(BulkAction form, string action, Func<IProcessOperator, Guid, Task<OperatorOutcome>> operate)
    {
        if (ParseFilter(form.Batch, form.Step, form.ErrorCode) is { } problem)
        {
            return ShowProblem(problem);
        }

        var selected = form.Process.Distinct().ToList();
        if (processOperator is null)
        {
            Notice = "Operator actions are not available on this service.";
        }
        else if (selected.Count == 0)
        {
            Notice = "Select the processes to act on first; nothing was done.";
        }
        else if (selected.Count > MaxSelection)
        {
            Notice = $"Select at most {MaxSelection} processes at a time; nothing was done.";
        }
        else
        {
            var outcomes = new List<OperatorOutcome?>();
            foreach (var processId in selected)
            {
                outcomes.Add(await OperateOnAsync(processId, action, operate));
            }

            Notice = Describe(action, outcomes);
        }

        // Post/redirect/get, so a reload does not repeat the action; the list keeps its filters and page.
        var query = FilterQuery.Append(new("page", form.Page is > 1 ? form.Page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null))
            .Where(pair => pair.Value is not null);
        return LocalRedirect("/troubleshooting" + QueryString.Create(query));
    }

    /// <summary>
    /// One process's action in a scope of its own (its own unit of work and outbox, as a request for one
    /// process has), so that one that fails leaves nothing half-written for the next; null when it failed.
    /// </summary>
    private async Task<OperatorOutcome?> OperateOnAsync(Guid processId, string action, Func<IProcessOperator, Guid, Task<OperatorOutcome>> operate)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await operate(scope.ServiceProvider.GetRequiredService<IProcessOperator>(), processId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(exception, "{Action} of process {ProcessId} failed; the troubleshooting page reports it", action, processId);
            return null;
        }
    }

    private static string Describe(string action, List<OperatorOutcome?> outcomes)
    {
        static string Processes(int count) => count == 1 ? "1 process" : $"{Display.Number(count)} processes";
        var accepted = outcomes.Count(outcome => outcome == OperatorOutcome.Accepted);
        var movedOn = outcomes.Count(outcome => outcome == OperatorOutcome.NotApplicable);
        var gone = outcomes.Count(outcome => outcome == OperatorOutcome.NotFound);
        var failed = outcomes.Count(outcome => outcome is null);
        var notice = accepted > 0 ? $"{action} requested for {Processes(accepted)}." : "Nothing was done.";
        if (movedOn > 0)
        {
            notice += $" {Processes(movedOn)} had moved on and {(movedOn == 1 ? "was" : "were")} left as {(movedOn == 1 ? "it was" : "they were")}.";
        }

        if (gone > 0)
        {
            notice += $" {Processes(gone)} no longer {(gone == 1 ? "exists" : "exist")}.";
        }

        if (failed > 0)
        {
            notice += $" For {Processes(failed)} it could not be asked (the service logged why); select {(failed == 1 ? "it" : "them")} and try again.";
        }

        return notice;
    }

    private PageProblem? ParseFilter(string? batch, string? step, string? errorCode)
    {
        Guid? batchId = null;
        if (!string.IsNullOrWhiteSpace(batch))
        {
            if (!Guid.TryParse(batch, out var parsed))
            {
                return PageProblem.MalformedId("Process batch", batch);
            }

            batchId = parsed;
        }

        Filter = new TroubleshootingFilter(batchId, Blank(step), Blank(errorCode));
        return null;
    }

    /// <summary>One option per value with its count; a value filtered on stays an option even when nothing waits with it.</summary>
    private static IEnumerable<(string Value, string Label, int Count)> Options(
        IEnumerable<TroubleshootingGroup> groups, Func<TroubleshootingGroup, string> value, Func<TroubleshootingGroup, string> label, string? selected)
    {
        var options = groups.GroupBy(value)
            .Select(same => (Value: same.Key, Label: label(same.First()), Count: same.Sum(group => group.Count)))
            .OrderBy(option => option.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (selected is not null && options.All(option => option.Value != selected))
        {
            options.Insert(0, (selected, selected, 0));
        }

        return options;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private PageResult ShowProblem(PageProblem problem)
    {
        Problem = problem;
        Response.StatusCode = problem.StatusCode;
        return Page();
    }

    /// <summary>The selection form: the processes ticked, and the list's filters and page to come back to.</summary>
    public sealed class BulkAction
    {
        public List<Guid> Process { get; set; } = [];

        public string? Batch { get; set; }

        public string? Step { get; set; }

        [ModelBinder(Name = "error_code")]
        public string? ErrorCode { get; set; }

        /// <summary>Not "page": that is Razor Pages' own route value.</summary>
        [ModelBinder(Name = "list_page")]
        public int? Page { get; set; }
    }
}
