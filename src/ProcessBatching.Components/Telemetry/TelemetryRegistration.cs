using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProcessBatching.Components.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>The service's own instruments; the gauges report zero until <see cref="OperationalFiguresReader"/> runs.</summary>
    public static IServiceCollection AddProcessBatchingMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<OperationalFigures>();
        services.TryAddSingleton<ProcessBatchingMetrics>();
        return services;
    }
}
