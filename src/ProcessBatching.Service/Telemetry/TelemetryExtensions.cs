using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProcessBatching.Components.Telemetry;

namespace ProcessBatching.Service.Telemetry;

public static class TelemetryExtensions
{
    public const string DefaultServiceName = "processbatching";

    /// <summary>
    /// Traces (ASP.NET Core, MassTransit, Npgsql, the dispatch) and metrics (the service's own meter,
    /// MassTransit's, ASP.NET Core's, the runtime's). <c>GET /metrics</c> serves Prometheus text always;
    /// OTLP export is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and then reads the standard
    /// <c>OTEL_*</c> variables (protocol, headers, intervals) itself. Without it the database commands
    /// start no spans; the others still give the logs their trace_id.
    /// </summary>
    public static WebApplicationBuilder AddProcessBatchingTelemetry(this WebApplicationBuilder builder, string roles)
    {
        var services = builder.Services;
        services.AddProcessBatchingMetrics();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        services.AddHostedService<OperationalFiguresReader>();

        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, names the service (the SDK reads it); this is the fallback.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(DefaultServiceName);
                }

                resource.AddAttributes([new("processbatching.roles", roles)]);
            })
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(ProcessBatchingMetrics.ActivitySourceName, "MassTransit")
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsProbe(http.Request.Path));
                if (exporting)
                {
                    // Four commands per consumed message: spans worth their cost only where they are sent.
                    tracing.AddNpgsql();
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(ProcessBatchingMetrics.MeterName, "MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (exporting)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    public static WebApplication MapProcessBatchingMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>Probes and scrapes every few seconds would bury the traces that matter.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
