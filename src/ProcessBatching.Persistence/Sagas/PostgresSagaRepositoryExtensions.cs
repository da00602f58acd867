using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProcessBatching.Persistence.Sagas;

public static class PostgresSagaRepositoryExtensions
{
    /// <summary>
    /// Keeps this saga's state as an entity of <typeparamref name="TDbContext"/> (registered by the
    /// host with AddDbContext; the saga entity and its table are the host's).
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TDbContext : DbContext =>
        configurator.Repository(services => services.AddPostgresSagaRepository<TSaga, TDbContext>());

    /// <summary>The same for every saga registered after this call.</summary>
    public static void SetPostgresSagaRepositoryProvider<TDbContext>(this IRegistrationConfigurator configurator)
        where TDbContext : DbContext =>
        configurator.SetSagaRepositoryProvider(new PostgresSagaRepositoryProvider<TDbContext>());

    internal static void AddPostgresSagaRepository<TSaga, TDbContext>(this IServiceCollection services)
        where TSaga : class, ISaga
        where TDbContext : DbContext
    {
        services.TryAddScoped<MessageStatements>();
        services.RegisterLoadSagaRepository<TSaga, PostgresSagaQueryContextFactory<TDbContext, TSaga>>();
        services.RegisterQuerySagaRepository<TSaga, PostgresSagaQueryContextFactory<TDbContext, TSaga>>();
        services.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>,
            PostgresSagaRepositoryContextFactory<TDbContext, TSaga>>();
    }

    private sealed class PostgresSagaRepositoryProvider<TDbContext> : ISagaRepositoryRegistrationProvider
        where TDbContext : DbContext
    {
        public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
            where TSaga : class, ISaga =>
            configurator.PostgresRepository<TSaga, TDbContext>();
    }
}
