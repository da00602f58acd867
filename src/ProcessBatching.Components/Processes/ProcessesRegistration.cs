using Microsoft.Extensions.DependencyInjection;

namespace ProcessBatching.Components.Processes;

public static class ProcessesRegistration
{
    /// <summary>The read side of processes and of the troubleshooting queue, and the operator's actions on a process in it.</summary>
    public static IServiceCollection AddProcesses(this IServiceCollection services)
    {
        services.AddSingleton<ProcessQueries>();
        services.AddSingleton<TroubleshootingQueries>();
        services.AddScoped<IProcessOperator, ProcessOperator>();
        services.AddScoped<ProcessStarter>();
        return services;
    }
}
