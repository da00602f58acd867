using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.StateMachines;

/// <summary>The StatementReport process's own data, stored in the <c>state</c> jsonb column.</summary>
public sealed class StatementReportData
{
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public List<string> AccountList { get; set; } = [];
    public string OutputType { get; set; } = "pdf";
    public ProcessBehavior Behavior { get; set; } = ProcessBehavior.None;

    /// <summary>Result path per completed step, keyed by step name.</summary>
    public Dictionary<string, string> ResultPaths { get; set; } = [];

    /// <summary>The one command whose reply or fault the process accepts; anything else is a late duplicate.</summary>
    public Guid? CurrentCommandId { get; set; }

    /// <summary>How often the current command was sent: 1, then one more per step timeout or redrive.</summary>
    public int CommandAttempt { get; set; } = 1;

    /// <summary>In completion order, so compensation can walk them backwards.</summary>
    public List<string> CompletedSteps { get; set; } = [];

    public List<string> CompensatedSteps { get; set; } = [];

    /// <summary>
    /// Steps an operator retried from the troubleshooting queue. The operator retries once the
    /// cause is fixed, so in this simulation a retried step runs without its failure chances.
    /// </summary>
    public List<string> RetriedSteps { get; set; } = [];

    /// <summary>Decides how compensation ends: an operator's cancel ends COMPENSATED, a business-rule failure CANCELED.</summary>
    public bool CanceledByOperator { get; set; }

    /// <summary>
    /// The process's batch was canceled: no next step is started; at the end of the step under way
    /// (its reply, fault or timeout) the completed steps are compensated and the process ends CANCELED.
    /// </summary>
    public bool BatchCanceled { get; set; }

    public static StatementReportData From(StatementReportRequest request) => new()
    {
        FromDate = request.FromDate,
        ToDate = request.ToDate,
        AccountList = [.. request.AccountList],
        OutputType = request.OutputType,
        Behavior = ProcessRequestValidator.WithDefaults(request.Behavior),
    };

    public StepBehavior BehaviorOf(string step)
    {
        var behavior = step switch
        {
            StatementReportSteps.Query => Behavior.Query,
            StatementReportSteps.Aggregation => Behavior.Aggregation,
            StatementReportSteps.Render => Behavior.Render,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step"),
        };
        return RetriedSteps.Contains(step)
            ? behavior with { FailPermanentPct = 0, FailTransientPct = 0, FailBusinessRulePct = 0, TimeoutPct = 0 }
            : behavior;
    }

    public string? NextStepToCompensate() =>
        CompletedSteps.AsEnumerable().Reverse().FirstOrDefault(step => !CompensatedSteps.Contains(step));
}
