using System.Data;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessBatching.Persistence.Sagas;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Runs one consumed message in one read-committed transaction on the scoped DbContext: claim the
/// inbox row, run the consumer or saga (which joins the transaction), save, commit; then hand what
/// it sends to the delivery service. Transient PostgreSQL errors re-run the whole unit.
/// </summary>
public sealed class PostgresOutboxContextFactory<TDbContext>(
    TDbContext db,
    MessageStatements statements,
    IServiceProvider provider,
    OutboxDeliverySignal signal,
    CommittedOutboxes committed,
    IOptions<PostgresOutboxOptions> outboxOptions)
    : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    // Written leased to this replica only when its delivery service runs to send them.
    private readonly TimeSpan? _lease = outboxOptions.Value.DeliveryServiceEnabled ? outboxOptions.Value.DeliveryLease : null;

    // A concurrent copy of the message blocks on this key until the first commits, then inserts
    // nothing: the claim comes first in the transaction (MassTransit #3617, #3791).
    private const string ClaimInbox =
        "INSERT INTO commandbus.inbox_state (message_id, consumer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgresql");

    public Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId() ?? throw new MessageException(typeof(T), "The inbox needs a MessageId");
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(() => TransientPostgresErrors.Retry(db,
            attempt => Consume(context, options, next, messageId, attempt == TransientPostgresErrors.MaxAttempts), context.CancellationToken));
    }

    /// <summary>A plain Npgsql command on the message's transaction: EF Core's raw SQL path would build a command per message.</summary>
    private async Task<bool> Claim(Guid messageId, Guid consumerId, CancellationToken cancellationToken)
    {
        var transaction = MessageStatements.TransactionOf(db);
        await using var command = new NpgsqlCommand(ClaimInbox, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = messageId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = consumerId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task Consume<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId, bool lastAttempt)
        where T : class
    {
        PostgresOutboxConsumeContext<T> outbox;
        SagaTransaction.WithoutAutoSavepoints(db);
        await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken))
        {
            var claimed = await Claim(messageId, options.ConsumerId, context.CancellationToken);
            outbox = new PostgresOutboxConsumeContext<T>(context, options, provider, db, statements, alreadyConsumed: !claimed, _lease);
            if (claimed)
            {
                statements.Open();
                try
                {
                    await next.Send(outbox);
                    await outbox.SaveAsync();
                    await transaction.CommitAsync(context.CancellationToken);
                }
                catch (Exception exception)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    if (lastAttempt || !TransientPostgresErrors.IsTransient(exception))
                    {
                        await outbox.ReportFaults();
                    }

                    throw;
                }
                finally
                {
                    statements.Close();
                }
            }
        }

        if (outbox.IsMessageConsumed)
        {
            await next.Send(outbox); // MassTransit's outbox pipe acknowledges the duplicate without consuming it
        }
        else if (outbox.Leased.Count > 0)
        {
            committed.Add(outbox.Leased);
        }
        else if (outbox.HasOutboxMessages)
        {
            signal.Notify();
        }
    }
}
