using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// The consume context a consumer or saga sees on an outbox endpoint: what it sends or publishes
/// becomes outbox rows in its transaction, written in one round trip when the message is saved.
/// Delivery is never done here (no broker I/O inside the transaction, MassTransit #4299):
/// MassTransit's outbox pipe is told the outbox is "delivered", and the delivery service sends the
/// rows after commit: from <see cref="Leased"/> when they were written leased to this replica.
/// </summary>
public sealed class PostgresOutboxConsumeContext<TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    DbContext db,
    MessageStatements statements,
    bool alreadyConsumed,
    TimeSpan? lease) : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TMessage : class
{
    private readonly OutboxWriter _writer = OutboxWriter.Pending(db, lease);
    private readonly List<Func<Task>> _faults = [];

    public bool HasOutboxMessages => _writer.HasMessages;

    /// <summary>The messages of the outbox written leased to this replica, for its delivery service after commit.</summary>
    public IReadOnlyList<OutboxMessage> Leased => _writer.Leased;

    public override bool ContinueProcessing { get; set; }
    public override bool IsMessageConsumed => alreadyConsumed;
    public override bool IsOutboxDelivered => alreadyConsumed;
    public override int ReceiveCount => 0;
    public override long? LastSequenceNumber => null;

    public override Task AddSend<T>(SendContext<T> context) => _writer.Add(context);

    public override Task SetConsumed() => SaveAsync();

    /// <summary>
    /// What the message did so far, into its transaction: EF Core's changes, then in one more round trip
    /// the statements added in this scope and the outbox rows.
    /// </summary>
    public async Task SaveAsync()
    {
        await db.SaveChangesAsync(CancellationToken);
        _writer.AddPendingTo(statements);
        await statements.ExecuteAsync(db, CancellationToken);
    }

    public override Task SetDelivered() => Task.CompletedTask;

    public override Task<List<OutboxMessageContext>> LoadOutboxMessages() => Task.FromResult(new List<OutboxMessageContext>());

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message) => Task.CompletedTask;

    public override Task RemoveOutboxMessages() => Task.CompletedTask;

    /// <summary>
    /// Held back until the transaction is rolled back: then the fault goes straight to the broker
    /// (MassTransit skips the outbox for faults), or nowhere if the message is retried.
    /// </summary>
    public override Task NotifyFaulted<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
    {
        _faults.Add(() => base.NotifyFaulted(context, duration, consumerType, exception));
        return Task.CompletedTask;
    }

    public async Task ReportFaults()
    {
        foreach (var fault in _faults)
        {
            await fault();
        }
    }
}
