using System.Globalization;
using ProcessBatching.Components.Batches;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>
/// What the pages derive from a batch's counts: the four parts that add up to its total (a process
/// blocked in the troubleshooting queue is not counted as running) and how long it has run; its pace
/// is <see cref="BatchPace"/>'s. batch-live.js computes the same from the polled JSON.
/// </summary>
public sealed record BatchFigures(BatchView Batch, DateTimeOffset Now)
{
    public int Finished => Batch.CompletedCount + Batch.FailedCount;

    public int Running => Math.Max(0, Batch.InProgressCount - Batch.InTroubleshootingCount);

    public TimeSpan? Elapsed => Batch.StartedAt is { } started ? Max(TimeSpan.Zero, (Batch.CompletedAt ?? Now) - started) : null;

    public string Summary =>
        $"{Display.Number(Finished)} of {Display.Number(Batch.TotalCount)} finished ({Batch.PercentDone.ToString("0.0", CultureInfo.InvariantCulture)}%)";

    public string WidthOf(int count) =>
        (Batch.TotalCount == 0 ? 0 : 100.0 * count / Batch.TotalCount).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
