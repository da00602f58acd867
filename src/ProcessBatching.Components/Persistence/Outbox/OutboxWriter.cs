using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Components.Persistence.Outbox;

/// <summary>
/// Adds captured sends to the DbContext as rows of one outbox, numbered in send order; nothing
/// reaches the database before the owner's SaveChanges. With <paramref name="newOutboxAfterSave"/>
/// (the bus outbox) sends after a SaveChanges start a new outbox, since the saved one may already
/// be delivered and gone.
/// </summary>
public sealed class OutboxWriter(DbContext db, bool newOutboxAfterSave)
{
    private readonly Lock _gate = new();
    private OutboxState? _outbox;
    private int _sequenceNumber;

    public bool HasMessages => _outbox is not null;

    public Task Add<T>(SendContext<T> context)
        where T : class
    {
        lock (_gate)
        {
            if (_outbox is null || (newOutboxAfterSave && db.Entry(_outbox).State != EntityState.Added))
            {
                _outbox = new OutboxState { OutboxId = NewId.NextGuid(), CreatedAt = DateTime.UtcNow };
                _sequenceNumber = 0;
                db.Add(_outbox);
            }

            db.Add(OutboxMessage.From(context, _outbox.OutboxId, ++_sequenceNumber));
        }

        return Task.CompletedTask;
    }
}
