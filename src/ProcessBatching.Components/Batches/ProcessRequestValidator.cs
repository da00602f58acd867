using Microsoft.Extensions.Options;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// The rules one process's request follows wherever it comes from: an entry of a batch (HTTP, form or
/// StartProcessBatch), a command batch's step, or a StartProcess another service publishes. A request
/// that breaks them would only fault later, with its process left where no operator can act.
/// </summary>
public sealed class ProcessRequestValidator(IOptions<ProcessBatchOptions> options)
{
    public static readonly string[] OutputTypes = ["pdf", "html", "csv"];

    /// <summary>Bounds on text a caller sends, so one request cannot fill the database with it.</summary>
    public const int MaxNameLength = 200, MaxAccounts = 100, MaxAccountLength = 64;

    private readonly int _maxDurationMs = (int)Math.Min(int.MaxValue, options.Value.MaxStepDuration.TotalMilliseconds);

    /// <summary>Every broken rule of <paramref name="request"/>, keyed by its field name; empty when it is valid.</summary>
    public Dictionary<string, string[]> ErrorsIn(StatementReportRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(request, "", (field, message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message]);
        return errors;
    }

    public void Validate(StatementReportRequest request, string prefix, Action<string, string> error)
    {
        // Plain JSON without a date deserializes to 0001-01-01 rather than failing.
        if (request.FromDate == default)
        {
            error(prefix + "from_date", "from_date is required.");
        }

        if (request.ToDate == default)
        {
            error(prefix + "to_date", "to_date is required.");
        }
        else if (request.FromDate > request.ToDate)
        {
            error(prefix + "from_date", "from_date must not be after to_date.");
        }

        // The contract says non-null, but JSON without the field deserializes to null.
        if (request.AccountList is null || request.AccountList.Count == 0)
        {
            error(prefix + "account_list", "account_list must name at least one account.");
        }
        else if (request.AccountList.Any(string.IsNullOrWhiteSpace))
        {
            error(prefix + "account_list", "account_list must not contain blank accounts.");
        }
        else if (request.AccountList.Count > MaxAccounts)
        {
            error(prefix + "account_list", $"account_list may name at most {MaxAccounts} accounts.");
        }
        else if (request.AccountList.Any(account => account.Length > MaxAccountLength))
        {
            error(prefix + "account_list", $"an account must be at most {MaxAccountLength} characters.");
        }

        if (!OutputTypes.Contains(request.OutputType))
        {
            error(prefix + "output_type", $"output_type must be one of {string.Join(", ", OutputTypes)}.");
        }

        var behavior = WithDefaults(request.Behavior);
        ValidateStep(behavior.Query, prefix + "behavior.query", error);
        ValidateStep(behavior.Aggregation, prefix + "behavior.aggregation", error);
        ValidateStep(behavior.Render, prefix + "behavior.render", error);
        if (behavior.Compensation is { } compensation)
        {
            ValidateStep(compensation, prefix + "behavior.compensation", error);
        }
    }

    public void ValidateStep(StepBehavior step, string prefix, Action<string, string> error)
    {
        (string Field, int Value)[] percentages =
        [
            ("fail_permanent_pct", step.FailPermanentPct), ("fail_transient_pct", step.FailTransientPct),
            ("fail_business_rule_pct", step.FailBusinessRulePct), ("timeout_pct", step.TimeoutPct),
        ];
        foreach (var (field, value) in percentages.Where(p => p.Value is < 0 or > 100))
        {
            error($"{prefix}.{field}", $"{field} must be between 0 and 100.");
        }

        if (percentages.Sum(p => (long)p.Value) > 100)
        {
            error(prefix, "the failure percentages of a step must not add up to more than 100.");
        }

        // A worker sleeps for the step's duration while it holds a consumer slot; days of it would
        // stall a whole queue.
        if (step.MinDurationMs < 0 || step.MaxDurationMs < 0)
        {
            error(prefix, "durations must not be negative.");
        }
        else if (step.MinDurationMs > step.MaxDurationMs)
        {
            error($"{prefix}.min_duration_ms", "min_duration_ms must not exceed max_duration_ms.");
        }
        else if (step.MaxDurationMs > _maxDurationMs)
        {
            error($"{prefix}.max_duration_ms", $"max_duration_ms must be at most {_maxDurationMs} (ProcessBatches:MaxStepDuration).");
        }
    }

    /// <summary>A missing behaviour, or a missing step in it, means a worker that neither fails nor waits.</summary>
    public static ProcessBehavior WithDefaults(ProcessBehavior? behavior) => new(
        behavior?.Query ?? StepBehavior.None,
        behavior?.Aggregation ?? StepBehavior.None,
        behavior?.Render ?? StepBehavior.None,
        behavior?.Compensation);
}
