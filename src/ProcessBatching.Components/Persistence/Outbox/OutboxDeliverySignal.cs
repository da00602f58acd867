namespace ProcessBatching.Components.Persistence.Outbox;

/// <summary>
/// Wakes the local delivery service as soon as an outbox commits, so delivery does not wait for
/// the next poll; the poll remains for outboxes committed by other replicas or left by a crash.
/// </summary>
public sealed class OutboxDeliverySignal
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
                // Another committer woke it first.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
