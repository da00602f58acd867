using Microsoft.Extensions.DependencyInjection;

namespace ProcessBatching.Components.Processes;

public static class ProcessesRegistration
{
    /// <summary>
    /// The read side of processes. <see cref="IProcessOperator"/> is deliberately not registered here:
    /// the saga's implementation registers it, and until then the pages offer no operator actions.
    /// </summary>
    public static IServiceCollection AddProcessQueries(this IServiceCollection services)
    {
        services.AddSingleton<ProcessQueries>();
        return services;
    }
}
