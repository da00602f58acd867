namespace ProcessBatching.Persistence;

/// <summary>
/// Wakes a polling background service at once when there is work for it; many notifications before
/// it wakes count as one, and the service still polls for work this replica was not told about.
/// </summary>
public abstract class WakeUpSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it first; one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
