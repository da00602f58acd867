using Npgsql;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// A process batch's pace: processes finished per second over the last <see cref="WindowSeconds"/>
/// (while it runs) and on average, what is left and what that means, and the rate over its life for a
/// chart. <see cref="WaitingOnBlocked"/> says that only processes in the troubleshooting queue are left,
/// which never finish on their own, so there is no time to estimate.
/// </summary>
public sealed record BatchThroughput(
    Guid BatchId,
    string Unit,
    int WindowSeconds,
    double? ProcessesPerSecond,
    double? AverageProcessesPerSecond,
    int FinishedCount,
    int RemainingCount,
    int BlockedCount,
    double? EstimatedSecondsLeft,
    bool WaitingOnBlocked,
    IReadOnlyList<ThroughputPoint> Points)
{
    public const string ProcessesPerSecondUnit = "processes/s";

    /// <summary>The recent window of <see cref="ProcessesPerSecond"/>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>The most points a chart gets; longer batches get wider intervals.</summary>
    public const int MaxPoints = 60;

    private static readonly int[] IntervalSeconds = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

    /// <summary>
    /// The pace of <paramref name="batch"/> (its counts as read) from the samples
    /// the batch owner wrote, at <paramref name="now"/>: the batch had none finished when it started, the
    /// samples' counts when they were taken, and its current count now (or when it finished).
    /// </summary>
    public static BatchThroughput Of(BatchView batch, IReadOnlyList<ThroughputSample> samples, DateTimeOffset now)
    {
        var finished = batch.CompletedCount + batch.FailedCount;
        var remaining = Math.Max(0, batch.TotalCount - finished);
        var blocked = Math.Min(remaining, batch.InTroubleshootingCount);
        var waitingOnBlocked = batch.IsOpen && remaining > 0 && remaining == blocked;
        if (batch.StartedAt is not { } started)
        {
            return new(batch.BatchId, ProcessesPerSecondUnit, (int)Window.TotalSeconds, null, null, finished, remaining, blocked, null, waitingOnBlocked, []);
        }

        var end = batch.IsOpen ? Max(now, started) : Max(batch.CompletedAt ?? now, started);
        var series = Series(started, end, finished, samples);
        var elapsed = end - started;
        double? average = elapsed >= TimeSpan.FromSeconds(1) ? finished / elapsed.TotalSeconds : null;
        var windowStart = Max(started, end - Window);
        double? rate = end - windowStart >= TimeSpan.FromSeconds(1) ? RateBetween(series, windowStart, end) : null;
        double? secondsLeft = batch.IsOpen && remaining > blocked && rate > 0 ? (remaining - blocked) / rate : null;
        return new(batch.BatchId, ProcessesPerSecondUnit, (int)Window.TotalSeconds, rate, average, finished, remaining, blocked, secondsLeft, waitingOnBlocked,
            ChartPoints(series, started, end));
    }

    /// <summary>
    /// Cumulative finished counts in time order, joined by straight lines: 0 at the start, each sample, the
    /// count now. A sample is the last count that grew in its interval, so what it adds happened after the
    /// sample before it and within its own interval: the count stays flat until the later of the two (a
    /// batch that finished nothing for a minute shows a minute of nothing, not a slow minute).
    /// </summary>
    private static List<(DateTimeOffset At, double Finished)> Series(DateTimeOffset started, DateTimeOffset end, int finished, IReadOnlyList<ThroughputSample> samples)
    {
        var series = new List<(DateTimeOffset At, double Finished)> { (started, 0) };
        void Add(DateTimeOffset at, double count)
        {
            // Replicas' clocks differ a little from the database's: a point is kept inside the batch's run.
            at = Min(Max(at, series[^1].At), end);
            count = Math.Min(finished, Math.Max(series[^1].Finished, count));
            if (at == series[^1].At)
            {
                series[^1] = (at, Math.Max(series[^1].Finished, count));
            }
            else
            {
                series.Add((at, count));
            }
        }

        foreach (var sample in samples.OrderBy(sample => sample.IntervalAt).ThenBy(sample => sample.At))
        {
            Add(sample.IntervalAt, series[^1].Finished);
            Add(sample.At, sample.Finished);
        }

        Add(end, finished);
        return series;
    }

    private static double FinishedAt(List<(DateTimeOffset At, double Finished)> series, DateTimeOffset at)
    {
        if (at <= series[0].At)
        {
            return series[0].Finished;
        }

        for (var i = 1; i < series.Count; i++)
        {
            if (at <= series[i].At)
            {
                var (before, after) = (series[i - 1], series[i]);
                var span = (after.At - before.At).TotalSeconds;
                return span <= 0 ? after.Finished : before.Finished + (after.Finished - before.Finished) * (at - before.At).TotalSeconds / span;
            }
        }

        return series[^1].Finished;
    }

    private static double RateBetween(List<(DateTimeOffset At, double Finished)> series, DateTimeOffset from, DateTimeOffset to) =>
        (FinishedAt(series, to) - FinishedAt(series, from)) / (to - from).TotalSeconds;

    /// <summary>
    /// The rate over equal intervals from the start: the narrowest of 5 s, 10 s, 15 s, 30 s, 1 min, …
    /// that covers the run in <see cref="MaxPoints"/>. An interval still open counts once it is half full.
    /// </summary>
    private static List<ThroughputPoint> ChartPoints(List<(DateTimeOffset At, double Finished)> series, DateTimeOffset started, DateTimeOffset end)
    {
        var duration = (end - started).TotalSeconds;
        var width = IntervalSeconds.FirstOrDefault(seconds => duration / seconds <= MaxPoints, IntervalSeconds[^1]);
        var points = new List<ThroughputPoint>();
        for (var from = started; from < end && points.Count < MaxPoints; from = from.AddSeconds(width))
        {
            var to = Min(from.AddSeconds(width), end);
            if ((to - from).TotalSeconds * 2 < width)
            {
                break;
            }

            points.Add(new ThroughputPoint(from, to, Math.Round(RateBetween(series, from, to), 3)));
        }

        return points;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>Processes finished per second from <paramref name="From"/> to <paramref name="To"/>.</summary>
public sealed record ThroughputPoint(DateTimeOffset From, DateTimeOffset To, double ProcessesPerSecond);

/// <summary>
/// How many of a batch's processes had finished at <paramref name="At"/>, as the batch owner counted
/// them: the last count in the interval that starts at <paramref name="IntervalAt"/> that grew.
/// </summary>
public sealed record ThroughputSample(DateTimeOffset IntervalAt, DateTimeOffset At, int Finished);

/// <summary>
/// The samples behind <see cref="BatchThroughput"/> (<c>commandbus.batch_throughput</c>, V012): written by
/// <see cref="BatchOwner"/> in its recount's transaction, read here with the batch as fresh as a reader gets it.
/// </summary>
public sealed class BatchThroughputs(NpgsqlDataSource dataSource, BatchOwner owner, TimeProvider clock)
{
    /// <summary>The width of a sample's interval: a batch gets at most one row per interval, the last recount's.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The pace of a process batch from counts at most <see cref="BatchOwner.ReaderFreshness"/> old; null
    /// for an unknown batch or a command batch. As stored (the samples come from the same recounts), the
    /// batch and its pace are one round trip of <see cref="BatchPageReader"/>.
    /// </summary>
    public async Task<BatchThroughput?> FreshAsync(Guid batchId, CancellationToken cancellationToken) =>
        await owner.GetAsync(batchId, BatchOwner.ReaderFreshness, cancellationToken) is { BatchType: BatchType.Process } batch
            ? await OfAsync(batch, cancellationToken)
            : null;

    /// <summary>The pace of a batch already read.</summary>
    private async Task<BatchThroughput> OfAsync(BatchView batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<ThroughputSample> samples = [];
        if (batch.StartedAt is not null)
        {
            await using var command = dataSource.CreateBatch();
            command.BatchCommands.Add(SamplesCommand(batch.BatchId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            samples = await ReadSamplesAsync(reader, cancellationToken);
        }

        return Of(batch, samples);
    }

    /// <summary>The pace of <paramref name="batch"/> from the samples <see cref="SamplesCommand"/> read, now.</summary>
    internal BatchThroughput Of(BatchView batch, IReadOnlyList<ThroughputSample> samples) => BatchThroughput.Of(batch, samples, clock.GetUtcNow());

    /// <summary>The batch's samples, oldest first (none before it starts).</summary>
    internal static NpgsqlBatchCommand SamplesCommand(Guid batchId) =>
        new("SELECT interval_at, sampled_at, finished FROM commandbus.batch_throughput WHERE batch_id = $1 ORDER BY interval_at")
        {
            Parameters = { new() { Value = batchId } },
        };

    /// <summary>The samples <see cref="SamplesCommand"/> selected; leaves the reader at the next result.</summary>
    internal static async Task<IReadOnlyList<ThroughputSample>> ReadSamplesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var samples = new List<ThroughputSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new ThroughputSample(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        return samples;
    }

    /// <summary>
    /// The sample of one recount, for the recount's own batch of commands after the stats function: the
    /// batch's finished count at <paramref name="at"/>, written only when it grew since the batch's last
    /// sample (a quiet batch writes nothing), one row per <see cref="SampleInterval"/>, and for a finished
    /// batch only by the recount that finished it (its <c>completed_at</c> is that transaction's). The stats
    /// function holds the batch row's lock, so recounts of a batch write their samples one after another.
    /// </summary>
    internal static NpgsqlBatchCommand SampleCommand(Guid batchId, DateTimeOffset at) =>
        new(
            """
            INSERT INTO commandbus.batch_throughput (batch_id, interval_at, sampled_at, finished)
            SELECT b.batch_id, date_bin($4, $3, timestamptz '2000-01-01 00:00:00+00'), $3, b.completed_count + b.canceled_count
            FROM commandbus.batch b
            WHERE b.domain = $1 AND b.batch_id = $2 AND b.batch_type = 'PROCESS'
              AND (b.completed_at IS NULL OR b.completed_at = now())
              AND b.completed_count + b.canceled_count > coalesce(
                  (SELECT t.finished FROM commandbus.batch_throughput t WHERE t.batch_id = $2 ORDER BY t.interval_at DESC LIMIT 1), 0)
            ON CONFLICT (batch_id, interval_at) DO UPDATE SET sampled_at = excluded.sampled_at, finished = excluded.finished
            """)
        {
            Parameters =
            {
                new() { Value = ProcessDomain.Name },
                new() { Value = batchId },
                new() { Value = at.ToUniversalTime() },
                new() { Value = SampleInterval },
            },
        };
}
