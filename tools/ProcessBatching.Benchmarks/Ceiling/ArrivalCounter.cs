namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>Counts arrivals; <see cref="ExpectMore"/> completes once a round's messages all arrived.</summary>
public sealed class ArrivalCounter
{
    private TaskCompletionSource _round = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    private int _expected = int.MaxValue;

    public int Expected => Volatile.Read(ref _expected);
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>A round of <paramref name="count"/> messages, started once the previous round's all arrived.</summary>
    public Task ExpectMore(int count)
    {
        _round = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _expected, Arrived + count);
        return _round.Task;
    }

    public void Arrive()
    {
        if (Interlocked.Increment(ref _arrived) == Volatile.Read(ref _expected))
        {
            _round.TrySetResult();
        }
    }
}
