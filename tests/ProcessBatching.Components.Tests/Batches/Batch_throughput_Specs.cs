using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Tests.Batches;

/// <summary>
/// A batch's pace from the batch owner's samples (README: throughput in processes/s over the last 60 s;
/// the estimate says "waiting on N blocked processes" instead of a time when only blocked ones remain).
/// </summary>
public class When_the_pace_of_a_batch_is_worked_out
{
    private static readonly DateTimeOffset Started = new(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_count_the_processes_finished_over_the_last_60_seconds()
    {
        // 2 a second for two minutes: a sample every 5 s, each the count at the end of its interval.
        var samples = Enumerable.Range(1, 24).Select(i => Sample(5 * i, 10 * i)).ToList();
        var pace = BatchThroughput.Of(Open(total: 1000, finished: 240), samples, Started.AddSeconds(120));

        pace.Unit.ShouldBe("processes/s");
        pace.WindowSeconds.ShouldBe(60);
        pace.ProcessesPerSecond!.Value.ShouldBe(2.0, 0.001);
        pace.AverageProcessesPerSecond!.Value.ShouldBe(2.0, 0.001);
        pace.EstimatedSecondsLeft!.Value.ShouldBe(380, 0.5, "760 left at 2 a second");
        pace.WaitingOnBlocked.ShouldBeFalse();
    }

    [Fact]
    public void Should_not_spread_what_finished_after_a_quiet_minute_over_that_minute()
    {
        // Nothing finished for 90 s (no sample: the count did not grow), then 60 in the last 30 s.
        var samples = Enumerable.Range(1, 6).Select(i => Sample(90 + 5 * i, 10 * i)).ToList();
        var pace = BatchThroughput.Of(Open(total: 1000, finished: 60), samples, Started.AddSeconds(120));

        pace.ProcessesPerSecond!.Value.ShouldBe(1.0, 0.001, "60 in the last 60 s");
        pace.Points.Count.ShouldBe(24, "5 s intervals over 2 minutes");
        pace.Points.Take(18).ShouldAllBe(point => point.ProcessesPerSecond == 0, "the quiet 90 s");
        pace.Points.Skip(18).ShouldAllBe(point => Math.Abs(point.ProcessesPerSecond - 2.0) < 0.001, "10 every 5 s");
    }

    [Fact]
    public void Should_say_it_waits_on_the_blocked_processes_when_only_they_remain()
    {
        var samples = new[] { Sample(5, 20), Sample(10, 384) };
        var pace = BatchThroughput.Of(Open(total: 400, finished: 384, blocked: 16), samples, Started.AddSeconds(30));

        pace.WaitingOnBlocked.ShouldBeTrue();
        pace.BlockedCount.ShouldBe(16);
        pace.RemainingCount.ShouldBe(16);
        pace.EstimatedSecondsLeft.ShouldBeNull("blocked processes never finish on their own");
    }

    [Fact]
    public void Should_estimate_the_time_for_the_processes_that_are_not_blocked()
    {
        var samples = Enumerable.Range(1, 12).Select(i => Sample(5 * i, 5 * i)).ToList();
        var pace = BatchThroughput.Of(Open(total: 200, finished: 60, blocked: 40), samples, Started.AddSeconds(60));

        pace.WaitingOnBlocked.ShouldBeFalse();
        pace.EstimatedSecondsLeft!.Value.ShouldBe(100, 0.5, "100 not blocked at 1 a second");
    }

    [Fact]
    public void Should_give_a_finished_batch_its_average_and_no_estimate()
    {
        var samples = Enumerable.Range(1, 20).Select(i => Sample(5 * i, 25 * i)).ToList();
        var finished = Open(total: 500, finished: 500) with
        {
            Status = BatchStatus.Completed, CompletedAt = Started.AddSeconds(100), InProgressCount = 0,
        };

        var pace = BatchThroughput.Of(finished, samples, Started.AddHours(3));

        pace.AverageProcessesPerSecond!.Value.ShouldBe(5.0, 0.001);
        pace.ProcessesPerSecond!.Value.ShouldBe(5.0, 0.001, "its last minute, not the hours since");
        pace.EstimatedSecondsLeft.ShouldBeNull();
        pace.WaitingOnBlocked.ShouldBeFalse();
        pace.Points[^1].To.ShouldBe(Started.AddSeconds(100));
    }

    [Fact]
    public void Should_know_nothing_of_a_batch_that_has_not_started()
    {
        var pace = BatchThroughput.Of(Open(total: 10, finished: 0) with { StartedAt = null, Status = BatchStatus.Pending }, [], Started);

        pace.ProcessesPerSecond.ShouldBeNull();
        pace.AverageProcessesPerSecond.ShouldBeNull();
        pace.Points.ShouldBeEmpty();
    }

    [Fact]
    public void Should_keep_a_chart_of_a_long_batch_to_60_points()
    {
        var samples = Enumerable.Range(1, 1440).Select(i => Sample(5 * i, 500 * i)).ToList();
        var pace = BatchThroughput.Of(Open(total: 1_000_000, finished: 720_000), samples, Started.AddHours(2));

        pace.Points.Count.ShouldBe(60, "2 h in 2 min intervals");
        pace.Points.ShouldAllBe(point => Math.Abs(point.ProcessesPerSecond - 100) < 0.001);
    }

    [Fact]
    public void Should_ignore_a_sample_from_a_clock_ahead_of_the_batch()
    {
        // A replica's clock a little ahead: its sample says more finished than the batch counts now.
        var samples = new[] { Sample(5, 10), Sample(70, 200) };
        var pace = BatchThroughput.Of(Open(total: 1000, finished: 150), samples, Started.AddSeconds(60));

        pace.ProcessesPerSecond!.Value.ShouldBeLessThanOrEqualTo(150 / 60.0 + 0.001);
        pace.Points.ShouldAllBe(point => point.ProcessesPerSecond >= 0);
    }

    private static ThroughputSample Sample(int secondsAfterStart, int finished)
    {
        var at = Started.AddSeconds(secondsAfterStart);
        var interval = at.AddTicks(-(at - DateTimeOffset.UnixEpoch).Ticks % TimeSpan.FromSeconds(5).Ticks);
        // The last recount in the interval that starts at `interval`, just before it ends.
        return new ThroughputSample(interval == at ? at.AddSeconds(-5) : interval, at, finished);
    }

    private static BatchView Open(int total, int finished, int blocked = 0) =>
        new(Guid.NewGuid(), "Paced", BatchType.Process, BatchStatus.InProgress, total, finished, 0, total - finished, blocked,
            Started.AddSeconds(-1), Started, null);
}
