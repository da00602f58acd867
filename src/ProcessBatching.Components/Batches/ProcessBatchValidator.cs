using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Turns a <see cref="StartProcessBatch"/> (HTTP body or message) into a <see cref="ProcessBatchPlan"/>,
/// applying the defaults, or throws <see cref="ProcessBatchValidationException"/> naming every bad field.
/// </summary>
public sealed class ProcessBatchValidator(int maxCount, ProcessRequestValidator requests, TimeProvider clock)
{
    public ProcessBatchPlan Validate(StartProcessBatch request)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // A templated batch's accounts are made up per process (DemoAccounts), so the template is
        // checked with the first process's.
        var template = new StatementReportRequest(
            request.FromDate ?? today,
            request.ToDate ?? today,
            DemoAccounts.For(0),
            request.OutputType ?? "pdf",
            ProcessRequestValidator.WithDefaults(request.Behavior));

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

        if (request.Name is { Length: > ProcessRequestValidator.MaxNameLength })
        {
            Error("name", $"name must be at most {ProcessRequestValidator.MaxNameLength} characters.");
        }

        if (request.Requests is null)
        {
            requests.Validate(template, "", Error);
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

                requests.Validate(request.Requests[i], $"requests[{i}].", Error);
            }
        }

        if (errors.Count > 0)
        {
            throw new ProcessBatchValidationException(errors);
        }

        var batchId = request.BatchId ?? Guid.CreateVersion7();
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"Process batch {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}" : request.Name.Trim();
        Func<int, StatementReportRequest> requestAt = request.Requests is { } list
            ? i => list[i] with { Behavior = ProcessRequestValidator.WithDefaults(list[i].Behavior) }
            : i => template with { AccountList = DemoAccounts.For(i) };
        return new ProcessBatchPlan(batchId, name, count!.Value, requestAt);
    }
}
