using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Service.Pages.Shared;
using ProcessBatching.Service.Security;

namespace ProcessBatching.Service.Pages.Processes;

/// <summary>
/// One process: its state, error and audit trail, and the operator's choices while it waits in
/// the troubleshooting queue. The choices appear only where an <see cref="IProcessOperator"/> is registered.
/// </summary>
public sealed class DetailsModel(ProcessQueries queries, IProcessOperator? processOperator = null) : PageModel
{
    public PageProblem? Problem { get; private set; }

    public ProcessDetail Process { get; private set; } = null!;

    public bool CanOperate => processOperator is not null && Process.IsWaitingForTroubleshooting && User.Grants(OperatorRoles.Operator);

    public bool CanRedrive => processOperator is not null && Process.CanBeRedriven && User.Grants(OperatorRoles.Operator);

    /// <summary>The process moves on by itself (it is neither finished nor waiting for an operator), so the page follows it.</summary>
    public bool IsMoving => Process.Status.IsOpen() && !Process.IsWaitingForTroubleshooting;

    /// <summary>An operator's request was just accepted; the page follows the process until it acts on it.</summary>
    public bool AwaitsOperatorRequest => Notice is not null && Process.IsWaitingForTroubleshooting;

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var processId))
        {
            return ShowProblem(PageProblem.MalformedId("Process", id));
        }

        if (await queries.GetProcessAsync(processId, cancellationToken) is not { } process)
        {
            return ShowProblem(PageProblem.NotFound("Process", processId));
        }

        Process = process;
        return Page();
    }

    /// <summary>The process alone: the page's live script swaps it in while the process moves.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var processId) || await queries.GetProcessAsync(processId, cancellationToken) is not { } process)
        {
            return NotFound();
        }

        Process = process;
        return Partial("_Process", this);
    }

    public Task<IActionResult> OnPostRetryAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, "Retry of the failed step", (op, processId) => op.RetryAsync(processId, cancellationToken));

    public Task<IActionResult> OnPostCompleteAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, "Manual completion of the step", (op, processId) => op.CompleteAsync(processId, cancellationToken));

    public Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, "Cancellation (with compensation)", (op, processId) => op.CancelAsync(processId, cancellationToken));

    public Task<IActionResult> OnPostRedriveAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, "Redrive of the current step", (op, processId) => op.RedriveAsync(processId, cancellationToken));

    private async Task<IActionResult> OperateAsync(string id, string action, Func<IProcessOperator, Guid, Task<OperatorOutcome>> operate)
    {
        if (!Guid.TryParse(id, out var processId))
        {
            return ShowProblem(PageProblem.MalformedId("Process", id));
        }

        Notice = processOperator is null
            ? "Operator actions are not available on this service."
            : await operate(processOperator, processId) switch
            {
                OperatorOutcome.Accepted => $"{action} requested.",
                OperatorOutcome.NotApplicable => "The process has moved on; nothing was done.",
                _ => $"There is no process with id {processId}.",
            };

        // Post/redirect/get, so a reload does not repeat the action.
        return RedirectToPage(new { id = processId });
    }

    private PageResult ShowProblem(PageProblem problem)
    {
        Problem = problem;
        Response.StatusCode = problem.StatusCode;
        return Page();
    }
}
