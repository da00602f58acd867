using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// The read side (<c>ILoadSagaRepository</c>, <c>IQuerySagaRepository</c>): plain autocommit reads
/// of committed rows, no row locks, so a page or an API call never waits on a saga in flight.
/// </summary>
public sealed class PostgresSagaQueryContextFactory<TDbContext, TSaga>(TDbContext db)
    : ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISaga
{
    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new ReadContext(db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new ReadContext(db, cancellationToken));

    private sealed class ReadContext(DbContext db, CancellationToken cancellationToken)
        : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    {
        public async Task<TSaga> Load(Guid correlationId) =>
            (await db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken))!;

        public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
        {
            var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId).ToListAsync(cancellationToken);
            return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
        }
    }
}
