using Serilog.Events;

namespace ProcessBatching.Service.Telemetry;

/// <summary>Probes and scrapes come every few seconds: their request lines are Verbose unless they fail.</summary>
public static class RequestLogLevel
{
    public static LogEventLevel For(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Verbose
        : LogEventLevel.Information;
}
