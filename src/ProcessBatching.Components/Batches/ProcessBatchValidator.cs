using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Turns a <see cref="StartProcessBatch"/> (HTTP body or message) into a <see cref="ProcessBatchPlan"/>,
/// applying the defaults, or throws <see cref="ProcessBatchValidationException"/> naming every bad field.
/// </summary>
public sealed class ProcessBatchValidator(int maxCount, TimeProvider clock)
{
    public static readonly string[] OutputTypes = ["pdf", "html", "csv"];

    public ProcessBatchPlan Validate(StartProcessBatch request)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var template = new StatementReportRequest(
            request.FromDate ?? today,
            request.ToDate ?? today,
            [],
            request.OutputType ?? "pdf",
            Normalize(request.Behavior));

        var count = request.Requests?.Count ?? request.Count;
        if (count is null)
        {
            Error("count", "count is required.");
        }
        else if (count <= 0 || count > maxCount)
        {
            Error(request.Requests is null ? "count" : "requests", $"count must be between 1 and {maxCount}.");
        }
        else if (request.Requests is not null && request.Count is not null && request.Count != request.Requests.Count)
        {
            Error("count", "count must equal the number of requests when both are given.");
        }

        if (request.Name is { Length: > 200 })
        {
            Error("name", "name must be at most 200 characters.");
        }

        if (request.Requests is null)
        {
            ValidateRequest(template, "", Error);
        }
        else
        {
            for (var i = 0; i < request.Requests.Count && errors.Count < 20; i++)
            {
                if (request.Requests[i] is null)
                {
                    Error($"requests[{i}]", "a request is required.");
                    continue;
                }

                ValidateRequest(request.Requests[i], $"requests[{i}].", Error);
            }
        }

        if (errors.Count > 0)
        {
            throw new ProcessBatchValidationException(errors);
        }

        var batchId = request.BatchId ?? Guid.CreateVersion7();
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"Process batch {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}" : request.Name.Trim();
        Func<int, StatementReportRequest> requestAt = request.Requests is { } list
            ? i => list[i] with { Behavior = Normalize(list[i].Behavior), AccountList = list[i].AccountList ?? [] }
            : i => template with { AccountList = DemoAccounts.For(i) };
        return new ProcessBatchPlan(batchId, name, count!.Value, requestAt);
    }

    private static void ValidateRequest(StatementReportRequest request, string prefix, Action<string, string> error)
    {
        if (request.FromDate > request.ToDate)
        {
            error(prefix + "from_date", "from_date must not be after to_date.");
        }

        if (!OutputTypes.Contains(request.OutputType))
        {
            error(prefix + "output_type", $"output_type must be one of {string.Join(", ", OutputTypes)}.");
        }

        var behavior = Normalize(request.Behavior);
        ValidateStep(behavior.Query, prefix + "behavior.query", error);
        ValidateStep(behavior.Aggregation, prefix + "behavior.aggregation", error);
        ValidateStep(behavior.Render, prefix + "behavior.render", error);
        if (behavior.Compensation is { } compensation)
        {
            ValidateStep(compensation, prefix + "behavior.compensation", error);
        }
    }

    internal static void ValidateStep(StepBehavior step, string prefix, Action<string, string> error)
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

        if (percentages.Sum(p => p.Value) > 100)
        {
            error(prefix, "the failure percentages of a step must not add up to more than 100.");
        }

        if (step.MinDurationMs < 0 || step.MaxDurationMs < 0)
        {
            error(prefix, "durations must not be negative.");
        }
        else if (step.MinDurationMs > step.MaxDurationMs)
        {
            error($"{prefix}.min_duration_ms", "min_duration_ms must not exceed max_duration_ms.");
        }
    }

    private static ProcessBehavior Normalize(ProcessBehavior? behavior) => new(
        behavior?.Query ?? StepBehavior.None,
        behavior?.Aggregation ?? StepBehavior.None,
        behavior?.Render ?? StepBehavior.None,
        behavior?.Compensation);
}
