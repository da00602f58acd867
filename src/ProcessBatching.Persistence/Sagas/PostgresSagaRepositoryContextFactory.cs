using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// MassTransit's extension point for a saga repository, resolved in the consume scope: it uses the
/// scoped <typeparamref name="TDbContext"/> and <see cref="MessageStatements"/>, so whatever other
/// scoped services write (journal rows, outbox messages) commits with the saga row.
/// </summary>
public sealed class PostgresSagaRepositoryContextFactory<TDbContext, TSaga>(
    TDbContext db,
    MessageStatements statements,
    ISagaConsumeContextFactory<DbContext, TSaga> factory) : ISagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISaga
{
    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        SagaTransaction.Run(db, statements, async () =>
        {
            using var repository = new PostgresSagaRepositoryContext<TSaga, T>(db, statements, context, factory);
            await next.Send(repository);
        }, context.CancellationToken);

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        SagaTransaction.Run(db, statements, async () =>
        {
            using var repository = new PostgresSagaRepositoryContext<TSaga, T>(db, statements, context, factory);
            var instances = await SagaRowLock<TSaga>.Lock(db, query.FilterExpression, context.CancellationToken);
            await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repository, instances));
        }, context.CancellationToken);
}
