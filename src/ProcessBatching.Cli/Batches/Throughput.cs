namespace ProcessBatching.Cli.Batches;

/// <summary>
/// Processes finished per second over the last <see cref="Window"/> of polls, and the time the rest
/// would take at that pace. A batch whose only open processes wait in the troubleshooting queue gets
/// no time at all: those never finish on their own.
/// </summary>
public sealed class Throughput
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Queue<(TimeSpan At, int Done)> _samples = new();

    /// <summary>Processes per second, once two polls apart are known.</summary>
    public double? PerSecond { get; private set; }

    public void Add(TimeSpan at, int done)
    {
        _samples.Enqueue((at, done));
        while (_samples.Count > 2 && at - _samples.Peek().At > Window)
        {
            _samples.Dequeue();
        }

        var (firstAt, firstDone) = _samples.Peek();
        PerSecond = at > firstAt ? (done - firstDone) / (at - firstAt).TotalSeconds : null;
    }

    public string TimeLeft(Batch batch)
    {
        var left = batch.TotalCount - batch.Done;
        if (left > 0 && left == batch.BlockedCount)
        {
            return $"waiting on {left} blocked process{(left == 1 ? "" : "es")}";
        }

        return PerSecond is > 0 and var rate ? $"about {Math.Ceiling(left / rate):0} s left" : "time left unknown";
    }

    public string Rate => PerSecond is { } rate ? FormattableString.Invariant($"{rate:0.0} processes/s") : "- processes/s";
}
