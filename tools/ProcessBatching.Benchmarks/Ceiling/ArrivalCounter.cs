namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>Completes once <see cref="Expected"/> messages arrived.</summary>
public sealed class ArrivalCounter(int expected)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Expected => expected;
    public int Arrived => Volatile.Read(ref _arrived);
    public Task All => _all.Task;

    public void Arrive()
    {
        if (Interlocked.Increment(ref _arrived) == expected)
        {
            _all.TrySetResult();
        }
    }
}
