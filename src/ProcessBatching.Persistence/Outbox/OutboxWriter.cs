using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Adds captured sends to the DbContext as rows of one outbox, numbered in send order; nothing
/// reaches the database before the owner's SaveChanges. With <paramref name="newOutboxAfterSave"/>
/// (the bus outbox) sends after a SaveChanges start a new outbox, since the saved one may already
/// be delivered and gone. A delayed send (<see cref="SendContext.Delay"/>) is an outbox of its own,
/// due later and keyed by its message id, so that <see cref="ScheduledSends.CancelAsync"/> can take it back.
/// </summary>
public sealed class OutboxWriter(DbContext db, bool newOutboxAfterSave)
{
    private readonly Lock _gate = new();
    private OutboxState? _outbox;
    private int _sequenceNumber;

    public bool HasMessages { get; private set; }

    public Task Add<T>(SendContext<T> context)
        where T : class
    {
        lock (_gate)
        {
            HasMessages = true;
            if (context.Delay is { } delay)
            {
                var scheduled = NewOutbox(context.MessageId ?? throw new MessageException(typeof(T), "A delayed send needs a MessageId"), delay);
                context.Delay = null; // the due time holds it; the broker has no delayed exchange (DESIGN.md)
                db.Add(OutboxMessage.From(context, scheduled.OutboxId, 1));
                return Task.CompletedTask;
            }

            if (_outbox is null || (newOutboxAfterSave && db.Entry(_outbox).State != EntityState.Added))
            {
                _outbox = NewOutbox(NewId.NextGuid(), TimeSpan.Zero);
                _sequenceNumber = 0;
            }

            db.Add(OutboxMessage.From(context, _outbox.OutboxId, ++_sequenceNumber));
        }

        return Task.CompletedTask;
    }

    private OutboxState NewOutbox(Guid outboxId, TimeSpan delay)
    {
        var now = DateTime.UtcNow;
        var outbox = new OutboxState { OutboxId = outboxId, CreatedAt = now, DueAt = now + delay };
        db.Add(outbox);
        return outbox;
    }
}
