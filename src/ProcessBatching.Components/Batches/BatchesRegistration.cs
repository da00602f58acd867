using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ProcessBatching.Components.Batches;

public static class BatchesRegistration
{
    /// <summary>
    /// Batch creation, stats and queries; with <paramref name="runBackgroundWork"/>, also the dispatcher
    /// and the reconciler. Expects an <see cref="NpgsqlDataSource"/> in the container.
    /// </summary>
    public static IServiceCollection AddProcessBatches(this IServiceCollection services, bool runBackgroundWork = true)
    {
        services.AddOptions<ProcessBatchOptions>().BindConfiguration(ProcessBatchOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessDispatchSignal>();
        services.AddSingleton<ProcessBatchCreator>();
        services.AddSingleton<ProcessBatchQueries>();
        services.AddSingleton<ProcessRequestValidator>();
        services.AddSingleton<ProcessBatchService>();
        services.AddScoped<CommandBatches.CommandBatchService>();
        services.AddSingleton<BatchOwner>();
        if (runBackgroundWork)
        {
            services.AddHostedService<ProcessDispatcher>();
            services.AddHostedService<BatchReconciler>();
            services.AddHostedService<Processes.StalledProcessSweep>();
        }

        return services;
    }
}
