using System.Globalization;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>The batch page's breakdown: one row per step (in the order the API gives), its statuses and their shares.</summary>
public sealed record BreakdownTable(BatchBreakdown Breakdown)
{
    public IReadOnlyList<BreakdownRow> Rows { get; } = Breakdown.ByStep
        .GroupBy(count => count.Step)
        .Select(step => new BreakdownRow(step.Key, step.OrderBy(count => count.Status).ToList()))
        .ToList();

    /// <summary>The batch's processes waiting in the troubleshooting queue, at any step.</summary>
    public int Waiting => Breakdown.ByStep.Where(BreakdownRow.IsWaitingForOperator).Sum(count => count.Count);

    /// <summary>The troubleshooting page showing this batch's processes waiting at <paramref name="step"/>.</summary>
    public string TroubleshootingHref(string? step) =>
        "/troubleshooting" + QueryString.Create(new Dictionary<string, string?> { ["batch"] = Breakdown.BatchId.ToString(), ["step"] = step }
            .Where(pair => pair.Value is not null));
}

public sealed record BreakdownRow(string? Step, IReadOnlyList<StepStatusCount> Counts)
{
    public int Total => Counts.Sum(count => count.Count);

    public string WidthOf(StepStatusCount count) =>
        (Total == 0 ? 0 : 100.0 * count.Count / Total).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    public static bool IsWaitingForOperator(StepStatusCount count) => count.Status == ProcessStatus.InTroubleshootingQueue;
}
