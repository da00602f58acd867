using System.Globalization;
using ProcessBatching.Components.Batches;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>
/// What the pages derive from a batch's counts: the four parts that add up to its total (a process
/// blocked in the troubleshooting queue is not counted as running) and, once started, its pace.
/// batch-live.js computes the same from the polled JSON.
/// </summary>
public sealed record BatchFigures(BatchView Batch, DateTimeOffset Now)
{
    public int Finished => Batch.CompletedCount + Batch.FailedCount;

    public int Running => Math.Max(0, Batch.InProgressCount - Batch.InTroubleshootingCount);

    public TimeSpan? Elapsed => Batch.StartedAt is { } started ? Max(TimeSpan.Zero, (Batch.CompletedAt ?? Now) - started) : null;

    /// <summary>Processes finished per second since the batch started; unknown in its first second.</summary>
    public double? Throughput => Elapsed is { TotalSeconds: >= 1 } elapsed && Finished > 0 ? Finished / elapsed.TotalSeconds : null;

    public TimeSpan? EstimatedRemaining =>
        Batch.IsOpen && Throughput is { } rate ? TimeSpan.FromSeconds((Batch.TotalCount - Finished) / rate) : null;

    public string Summary =>
        $"{Display.Number(Finished)} of {Display.Number(Batch.TotalCount)} finished ({Batch.PercentDone.ToString("0.0", CultureInfo.InvariantCulture)}%)";

    public string WidthOf(int count) =>
        (Batch.TotalCount == 0 ? 0 : 100.0 * count / Batch.TotalCount).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    public static string Rate(double? perSecond) =>
        perSecond is { } rate ? rate.ToString(rate < 10 ? "0.00" : "N1", CultureInfo.InvariantCulture) + " / s" : "—";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
