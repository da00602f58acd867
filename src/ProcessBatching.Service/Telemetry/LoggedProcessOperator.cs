using System.Security.Claims;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Service.Telemetry;

/// <summary>Logs every operator action on a process at Information: what, on which process, by whom, and the answer.</summary>
public sealed class LoggedProcessOperator(ProcessOperator inner, IHttpContextAccessor http, ILogger<LoggedProcessOperator> logger) : IProcessOperator
{
    public Task<OperatorOutcome> RetryAsync(Guid processId, CancellationToken cancellationToken) =>
        LogAsync("retry", processId, inner.RetryAsync(processId, cancellationToken));

    public Task<OperatorOutcome> CompleteAsync(Guid processId, CancellationToken cancellationToken) =>
        LogAsync("complete", processId, inner.CompleteAsync(processId, cancellationToken));

    public Task<OperatorOutcome> CancelAsync(Guid processId, CancellationToken cancellationToken) =>
        LogAsync("cancel", processId, inner.CancelAsync(processId, cancellationToken));

    public Task<OperatorOutcome> RedriveAsync(Guid processId, CancellationToken cancellationToken) =>
        LogAsync("redrive", processId, inner.RedriveAsync(processId, cancellationToken));

    private async Task<OperatorOutcome> LogAsync(string action, Guid processId, Task<OperatorOutcome> acting)
    {
        var outcome = await acting;
        logger.LogInformation("Operator {Operator} asked to {Action} process {ProcessId}: {Outcome}",
            Who(http.HttpContext?.User), action, processId, outcome);
        return outcome;
    }

    private static string Who(ClaimsPrincipal? user) =>
        user?.Identity?.Name ?? user?.FindFirst("sub")?.Value ?? "anonymous";
}
