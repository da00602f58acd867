using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Tests.Batches;

/// <summary>The one coalescing policy: how fresh a caller's counts are, and how many recounts the callers cost.</summary>
public class When_many_callers_ask_for_a_batch_recount
{
    private static readonly Guid BatchId = Guid.NewGuid();
    private readonly ManualClock _clock = new();
    private int _recounts;

    private Task<BatchView?> Recount(Guid batchId)
    {
        var number = Interlocked.Increment(ref _recounts);
        return Task.FromResult<BatchView?>(View(number));
    }

    [Fact]
    public async Task Should_give_a_reader_the_last_recount_while_it_is_fresh_enough()
    {
        var recounts = new BatchRecounts(TimeSpan.FromMilliseconds(10), _clock);
        var first = await recounts.GetAsync(BatchId, TimeSpan.FromSeconds(1), Recount);

        _clock.Advance(TimeSpan.FromMilliseconds(900));
        var second = await recounts.GetAsync(BatchId, TimeSpan.FromSeconds(1), Recount);

        second.ShouldBeSameAs(first);
        _recounts.ShouldBe(1);
    }

    [Fact]
    public async Task Should_recount_for_a_reader_once_the_last_recount_is_older_than_it_allows()
    {
        var recounts = new BatchRecounts(TimeSpan.FromMilliseconds(10), _clock);
        await recounts.GetAsync(BatchId, TimeSpan.FromSeconds(1), Recount);

        _clock.Advance(TimeSpan.FromMilliseconds(1_001));
        var second = await recounts.GetAsync(BatchId, TimeSpan.FromSeconds(1), Recount);

        second!.CompletedCount.ShouldBe(2, "the counts a reader gets are never older than it asked");
        _recounts.ShouldBe(2);
    }

    [Fact]
    public async Task Should_start_a_new_recount_for_every_change_but_join_callers_that_arrive_while_one_runs()
    {
        var running = new TaskCompletionSource<BatchView?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Task<BatchView?> Slow(Guid _) => Interlocked.Increment(ref calls) == 1 ? running.Task : Task.FromResult<BatchView?>(View(2));
        var recounts = new BatchRecounts(TimeSpan.Zero, _clock);

        var first = recounts.GetAsync(BatchId, TimeSpan.Zero, Slow);
        var later = Enumerable.Range(0, 50).Select(_ => recounts.GetAsync(BatchId, TimeSpan.Zero, Slow)).ToList();

        later.Distinct().Count().ShouldBe(1, "changes that arrive while a recount runs share the next one");
        later[0].ShouldNotBeSameAs(first, "a recount that started before a change cannot have seen it");
        calls.ShouldBe(1, "the next recount waits for the running one");

        running.SetResult(View(1));
        (await first)!.CompletedCount.ShouldBe(1);
        (await later[0])!.CompletedCount.ShouldBe(2);
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task Should_start_recounts_of_one_batch_no_closer_than_the_spacing()
    {
        var spacing = TimeSpan.FromMilliseconds(300);
        var recounts = new BatchRecounts(spacing, TimeProvider.System);
        var starts = new List<long>();
        Task<BatchView?> Timed(Guid _)
        {
            lock (starts)
            {
                starts.Add(TimeProvider.System.GetTimestamp());
            }

            return Task.FromResult<BatchView?>(View(starts.Count));
        }

        for (var i = 0; i < 4; i++)
        {
            await recounts.GetAsync(BatchId, TimeSpan.Zero, Timed);
        }

        starts.Count.ShouldBe(4);
        for (var i = 1; i < starts.Count; i++)
        {
            TimeProvider.System.GetElapsedTime(starts[i - 1], starts[i]).ShouldBeGreaterThanOrEqualTo(spacing - TimeSpan.FromMilliseconds(15));
        }
    }

    [Fact]
    public async Task Should_start_the_recounts_of_a_batch_whose_count_takes_long_that_many_times_its_time_apart()
    {
        var recounts = new BatchRecounts(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        var runs = new List<(long Started, long Ended)>();
        async Task<BatchView?> Slow(Guid _)
        {
            var started = TimeProvider.System.GetTimestamp();
            await Task.Delay(100);
            runs.Add((started, TimeProvider.System.GetTimestamp()));
            return View(runs.Count);
        }

        for (var i = 0; i < 3; i++)
        {
            await recounts.GetAsync(BatchId, TimeSpan.Zero, Slow);
        }

        runs.Count.ShouldBe(3);
        for (var i = 1; i < runs.Count; i++)
        {
            var took = TimeProvider.System.GetElapsedTime(runs[i - 1].Started, runs[i - 1].Ended);
            TimeProvider.System.GetElapsedTime(runs[i - 1].Started, runs[i].Started)
                .ShouldBeGreaterThanOrEqualTo(BatchRecounts.CostRatio * took - TimeSpan.FromMilliseconds(15), "a count that takes 100 ms runs at most a quarter of the time");
        }
    }

    [Fact]
    public async Task Should_recount_again_after_a_failed_recount()
    {
        var recounts = new BatchRecounts(TimeSpan.Zero, _clock);
        await Should.ThrowAsync<InvalidOperationException>(() =>
            recounts.GetAsync(BatchId, TimeSpan.FromHours(1), _ => throw new InvalidOperationException("database down")));

        var after = await recounts.GetAsync(BatchId, TimeSpan.FromHours(1), Recount);

        after.ShouldNotBeNull("a failure is never served as a fresh result");
        _recounts.ShouldBe(1);
    }

    private static BatchView View(int completed) => new(
        BatchId, "batch", BatchType.Process, BatchStatus.InProgress, 10, completed, 0, 10 - completed, 0,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    /// <summary>A clock the spec moves by hand; timers (the spacing's delay) still run on real time.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
