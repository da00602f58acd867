using Microsoft.Extensions.DependencyInjection;

namespace ProcessBatching.Components.Processes;

public static class ProcessesRegistration
{
    /// <summary>The read side of processes, and the operator's actions on a process in the troubleshooting queue.</summary>
    public static IServiceCollection AddProcesses(this IServiceCollection services)
    {
        services.AddSingleton<ProcessQueries>();
        services.AddScoped<IProcessOperator, ProcessOperator>();
        services.AddScoped<ProcessStarter>();
        return services;
    }
}
