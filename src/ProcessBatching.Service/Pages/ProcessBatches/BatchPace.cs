using System.Globalization;
using ProcessBatching.Components.Batches;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>
/// How the batch page words and draws a batch's pace (<see cref="BatchThroughput"/>): its throughput in
/// processes/s (over the last minute while it runs, on average once it finished), the estimate (no time
/// when only blocked processes are left: they never finish on their own), and the chart. Rendered by
/// the server only (<c>_BatchPace</c>), so batch-live.js swaps it in and mirrors none of it.
/// </summary>
public sealed record BatchPace(BatchFigures Figures, BatchThroughput Throughput)
{
    public BatchView Batch => Figures.Batch;

    public string ThroughputText => Batch.IsOpen
        ? Throughput.ProcessesPerSecond is { } rate ? $"{Rate(rate)} over the last {Throughput.WindowSeconds} s" : "—"
        : Throughput.AverageProcessesPerSecond is { } average ? $"{Rate(average)} on average" : "—";

    public string EstimateText =>
        Throughput.WaitingOnBlocked ? $"Waiting on {Blocked(Throughput.BlockedCount)}"
        : Throughput.EstimatedSecondsLeft is { } seconds
            ? Display.Duration(TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2)))
              + (Throughput.BlockedCount > 0 ? $", then waiting on {Blocked(Throughput.BlockedCount)}" : "")
        : "—";

    public ThroughputChart Chart => new(Throughput.Points);

    /// <summary>A rate in the unit the page and the API use.</summary>
    public static string Rate(double perSecond) =>
        perSecond.ToString(perSecond < 10 ? "0.00" : "N1", CultureInfo.InvariantCulture) + " " + BatchThroughput.ProcessesPerSecondUnit;

    private static string Blocked(int count) => count == 1 ? "1 blocked process" : $"{Display.Number(count)} blocked processes";
}

/// <summary>
/// The throughput chart as plain SVG: one bar per interval on a 0..<see cref="Scale"/> axis. The SVG is
/// stretched to the card's width, so its text (scale and times) is HTML beside it.
/// </summary>
public sealed record ThroughputChart(IReadOnlyList<ThroughputPoint> Points)
{
    public const int Width = 600;
    public const int Height = 100;

    public bool IsEmpty => Points.Count == 0;

    public double Peak => Points.Count == 0 ? 0 : Points.Max(point => point.ProcessesPerSecond);

    /// <summary>The top of the axis: the peak rounded up to 1, 2 or 5 times a power of ten.</summary>
    public double Scale
    {
        get
        {
            if (Peak <= 0)
            {
                return 1;
            }

            var power = Math.Pow(10, Math.Floor(Math.Log10(Peak)));
            return new[] { 1, 2, 5, 10 }.Select(step => step * power).First(top => top >= Peak);
        }
    }

    public IEnumerable<(string X, string Y, string BarWidth, string BarHeight, string Label)> Bars
    {
        get
        {
            var slot = (double)Width / Points.Count;
            for (var i = 0; i < Points.Count; i++)
            {
                var point = Points[i];
                var height = Height * point.ProcessesPerSecond / Scale;
                yield return (Number(i * slot), Number(Height - height), Number(Math.Max(1, slot - Math.Min(2, slot / 4))), Number(height),
                    $"{Clock(point.From)}–{Clock(point.To)} UTC: {BatchPace.Rate(point.ProcessesPerSecond)}");
            }
        }
    }

    public string From => Points.Count == 0 ? "" : Display.Time(Points[0].From);

    public string To => Points.Count == 0 ? "" : Display.Time(Points[^1].To);

    /// <summary>The intervals' width (every interval but a last one still open has it): 5 s, 2 min, 1 h.</summary>
    public string IntervalText => Points.Count == 0 ? "" : (int)Math.Round((Points[0].To - Points[0].From).TotalSeconds) switch
    {
        < 60 and var seconds => $"{seconds} s",
        < 3600 and var seconds => $"{seconds / 60} min",
        var seconds => $"{seconds / 3600} h",
    };

    /// <summary>What the chart shows, in words: its accessible name.</summary>
    public string Description => Points.Count == 0
        ? "Throughput over time: no interval yet."
        : $"Throughput over time, {Points.Count} intervals of {IntervalText} from {From} to {To}: peak {BatchPace.Rate(Peak)}, latest {BatchPace.Rate(Points[^1].ProcessesPerSecond)}.";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
