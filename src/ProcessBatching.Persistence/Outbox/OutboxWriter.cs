using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Turns captured sends into rows of one outbox, numbered in send order; nothing reaches the
/// database before the owner saves. A delayed send (<see cref="SendContext.Delay"/>) is an outbox of
/// its own, due later and keyed by its message id.
/// <list type="bullet">
/// <item><see cref="Tracked"/> (the bus outbox): rows join the DbContext and commit with the caller's
/// SaveChanges; sends after a SaveChanges start a new outbox, since the saved one may already be
/// delivered and gone.</item>
/// <item><see cref="Pending"/> (a consumed message's outbox): rows wait here until
/// <see cref="AddPendingTo"/> hands them to the message's statements. Given a lease, its immediate
/// outbox is written leased to this replica, and <see cref="Leased"/> holds its messages for the
/// local delivery service once the message commits.</item>
/// </list>
/// </summary>
public sealed class OutboxWriter
{
    private readonly DbContext _db;
    private readonly List<OutboxState>? _pendingOutboxes;
    private readonly List<OutboxMessage>? _pendingMessages;
    private readonly TimeSpan? _lease;
    private readonly List<OutboxMessage> _leased = [];
    private readonly Lock _gate = new();
    private OutboxState? _outbox;
    private int _sequenceNumber;

    private OutboxWriter(DbContext db, bool pending, TimeSpan? lease = null)
    {
        (_db, _lease) = (db, lease);
        if (pending)
        {
            (_pendingOutboxes, _pendingMessages) = ([], []);
        }
    }

    public static OutboxWriter Tracked(DbContext db) => new(db, pending: false);

    /// <param name="lease">How long the immediate outbox is leased to this replica once written; none leaves it to any replica's claim.</param>
    public static OutboxWriter Pending(DbContext db, TimeSpan? lease = null) => new(db, pending: true, lease);

    public bool HasMessages { get; private set; }

    /// <summary>The messages of the immediate outbox written so far, if it is written leased; in sequence order.</summary>
    public IReadOnlyList<OutboxMessage> Leased => _leased;

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
                Add(OutboxMessage.From(context, scheduled.OutboxId, 1));
                return Task.CompletedTask;
            }

            if (_outbox is null || (_pendingMessages is null && _db.Entry(_outbox).State != EntityState.Added))
            {
                _outbox = NewOutbox(NewId.NextGuid(), TimeSpan.Zero);
                _outbox.LockedUntil = _outbox.CreatedAt + _lease;
                _sequenceNumber = 0;
            }

            Add(OutboxMessage.From(context, _outbox.OutboxId, ++_sequenceNumber));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The rows added since the last call, as statements. Later sends continue the same outbox: it is
    /// delivered only after the transaction commits, with everything it holds by then.
    /// </summary>
    public void AddPendingTo(MessageStatements statements)
    {
        if (_pendingOutboxes is null || _pendingMessages is null)
        {
            throw new InvalidOperationException("A tracked outbox is saved with its DbContext.");
        }

        OutboxState[] outboxes;
        OutboxMessage[] messages;
        lock (_gate)
        {
            if (_pendingMessages.Count == 0 && _pendingOutboxes.Count == 0)
            {
                return;
            }

            (outboxes, messages) = ([.. _pendingOutboxes], [.. _pendingMessages]);
            _pendingOutboxes.Clear();
            _pendingMessages.Clear();
            if (_outbox?.LockedUntil is not null)
            {
                _leased.AddRange(messages.Where(m => m.OutboxId == _outbox.OutboxId));
            }
        }

        OutboxRows.Add(statements, outboxes, messages);
    }

    private OutboxState NewOutbox(Guid outboxId, TimeSpan delay)
    {
        var now = DateTime.UtcNow;
        var outbox = new OutboxState { OutboxId = outboxId, CreatedAt = now, DueAt = now + delay };
        if (_pendingOutboxes is null)
        {
            _db.Add(outbox);
        }
        else
        {
            _pendingOutboxes.Add(outbox);
        }

        return outbox;
    }

    private void Add(OutboxMessage message)
    {
        if (_pendingMessages is null)
        {
            _db.Add(message);
        }
        else
        {
            _pendingMessages.Add(message);
        }
    }
}
