using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Components.Batches;

public static class BatchesRegistration
{
    /// <summary>
    /// What every replica needs of batches: creation, queries and the <see cref="BatchOwner"/> that
    /// readers ask. Expects an <see cref="NpgsqlDataSource"/> and the bus outbox in the container.
    /// </summary>
    public static IServiceCollection AddProcessBatches(this IServiceCollection services)
    {
        services.AddOptions<ProcessBatchOptions>().BindConfiguration(ProcessBatchOptions.Section)
            .Validate(options => options.MaxCount is > 0 and <= ProcessIds.MaxInOrder,
                $"ProcessBatches__MaxCount must be from 1 to {ProcessIds.MaxInOrder}: a batch names its processes in order by 30 bits of their ids")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessDispatchSignal>();
        services.AddSingleton<ProcessBatchCreator>();
        services.AddSingleton<ProcessBatchQueries>();
        services.AddSingleton<ProcessRequestValidator>();
        services.AddSingleton<ProcessBatchService>();
        services.AddScoped<CommandBatches.CommandBatchService>();
        services.AddSingleton<BatchOwner>();
        services.AddScoped<BatchOperator>();
        services.AddSingleton<ProcessBreakdowns>();
        services.AddSingleton<BatchThroughputs>();
        services.AddSingleton<BatchPageReader>();
        return services;
    }

    /// <summary>
    /// The batches role: it takes <c>StartProcessBatch</c> messages, follows the processes' progress
    /// and command-batch replies, hands processes to their sagas, carries an operator's batch actions
    /// to the batch's processes, reconciles open batches and nudges stalled processes.
    /// </summary>
    public static IBusRegistrationConfigurator AddBatchesRole(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<StartProcessBatchConsumer, StartProcessBatchConsumerDefinition>();
        bus.AddConsumer<BatchProgressConsumer, BatchProgressConsumerDefinition>();
        bus.AddConsumer<CommandBatchReplyConsumer, CommandBatchReplyConsumerDefinition>();
        bus.AddConsumer<BatchProcessActionsConsumer, BatchProcessActionsConsumerDefinition>();
        bus.AddHostedService<ProcessDispatcher>();
        bus.AddHostedService<BatchReconciler>();
        bus.AddHostedService<StalledProcessSweep>();
        return bus;
    }
}
