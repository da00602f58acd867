using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// What MassTransit's saga pipes call for one message, inside the message's transaction. A
/// query-correlated event runs its instances one after another on one DbContext (MassTransit does so
/// since 8.0.16, #4333, and the process journal relies on it); calls are serialized all the same, so
/// that a pipe that ran them in parallel would not corrupt the change tracker.
/// </summary>
public sealed class PostgresSagaRepositoryContext<TSaga, TMessage>(
    DbContext db,
    MessageStatements statements,
    ConsumeContext<TMessage> consumeContext,
    ISagaConsumeContextFactory<DbContext, TSaga> factory)
    : ConsumeContextScope<TMessage>(consumeContext, db), SagaRepositoryContext<TSaga, TMessage>, IDisposable
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _context = consumeContext;
    private readonly SemaphoreSlim _gate = new(1);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, _context, instance, SagaConsumeContextMode.Add);

    /// <summary>
    /// Insert-on-initial: the row goes in under a savepoint; if another message created it first,
    /// roll back to the savepoint and answer null, so MassTransit loads (and locks) the winner's row.
    /// </summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("saga_insert", CancellationToken);
        var entry = db.Add(instance);
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await transaction.RollbackToSavepointAsync("saga_insert", CancellationToken);
            return null!;
        }
        finally
        {
            entry.State = EntityState.Detached; // from here on, written by Update
        }

        return await factory.CreateSagaConsumeContext(db, _context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await Serialized(() => SagaRowLock<TSaga>.Lock(db, correlationId, CancellationToken));
        return instance is null ? null! : await factory.CreateSagaConsumeContext(db, _context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => Serialized(() => SaveDetached(context.Saga, EntityState.Added));

    /// <summary>Joins the message's statements, sent after the state machine is done with the message.</summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        SagaRowUpdate<TSaga>.For(db).Add(statements, context.Saga);
        return Task.CompletedTask;
    }

    /// <summary>Only when the state machine asked for it (SetCompletedWhenFinalized); terminal states are rows otherwise.</summary>
    public Task Delete(SagaConsumeContext<TSaga> context) => Serialized(() => SaveDetached(context.Saga, EntityState.Deleted));

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    /// <summary>
    /// Instead of Update, for a read-only saga policy: the row was loaded untracked and no statement
    /// was added for it, so nothing is written and there is nothing to take back.
    /// </summary>
    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);

    public void Dispose() => _gate.Dispose();

    /// <summary>Inserts or deletes the row now; it is not tracked afterwards, so no later save writes it again.</summary>
    private async Task<int> SaveDetached(TSaga saga, EntityState state)
    {
        var entry = db.Entry(saga);
        entry.State = state;
        try
        {
            return await db.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task<T> Serialized<T>(Func<Task<T>> call)
    {
        await _gate.WaitAsync(CancellationToken);
        try
        {
            return await call();
        }
        finally
        {
            _gate.Release();
        }
    }
}
