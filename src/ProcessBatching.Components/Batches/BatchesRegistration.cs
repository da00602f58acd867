using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ProcessBatching.Components.Batches;

public static class BatchesRegistration
{
    /// <summary>Batch creation, dispatch, stats and queries. Expects an <see cref="NpgsqlDataSource"/> in the container.</summary>
    public static IServiceCollection AddProcessBatches(this IServiceCollection services)
    {
        services.AddOptions<ProcessBatchOptions>().BindConfiguration(ProcessBatchOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessDispatchSignal>();
        services.AddSingleton<BatchStatsRefresher>();
        services.AddSingleton<PolledBatchRefresh>();
        services.AddSingleton<ProcessBatchCreator>();
        services.AddSingleton<ProcessBatchQueries>();
        services.AddSingleton<ProcessBatchService>();
        services.AddHostedService<ProcessDispatcher>();
        return services;
    }
}
