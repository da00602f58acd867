using System.Collections.Concurrent;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Outboxes that messages consumed on this replica committed, handed to its delivery service with
/// their messages, so that it sends them without reading them back. Their rows were written leased
/// to this replica for <see cref="PostgresOutboxOptions.DeliveryLease"/>: should it die before it
/// sends them, another replica claims them from the tables when the lease ends.
/// </summary>
public sealed class CommittedOutboxes(OutboxDeliverySignal signal)
{
    private readonly ConcurrentQueue<IReadOnlyList<OutboxMessage>> _outboxes = new();

    /// <summary>One committed outbox, its messages in sequence order.</summary>
    public void Add(IReadOnlyList<OutboxMessage> outbox)
    {
        _outboxes.Enqueue(outbox);
        signal.Notify();
    }

    /// <summary>Up to <paramref name="count"/> committed outboxes, oldest first.</summary>
    public List<IReadOnlyList<OutboxMessage>> Take(int count)
    {
        var taken = new List<IReadOnlyList<OutboxMessage>>(Math.Min(count, _outboxes.Count));
        while (taken.Count < count && _outboxes.TryDequeue(out var outbox))
        {
            taken.Add(outbox);
        }

        return taken;
    }
}
