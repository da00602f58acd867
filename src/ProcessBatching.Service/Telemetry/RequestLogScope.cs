using Serilog.Context;

namespace ProcessBatching.Service.Telemetry;

/// <summary>
/// Puts <c>batch_id</c> or <c>process_id</c> on the log lines of a request for one batch or one
/// process (the API's and the pages' <c>{id}</c>, <c>{batchId}</c> and <c>{processId}</c> routes).
/// </summary>
public static class RequestLogScope
{
    public static WebApplication UseRequestLogScope(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using var scope = Push(context);
            await next(context);
        });
        return app;
    }

    private static IDisposable? Push(HttpContext context)
    {
        if (context.GetRouteValue("processId") is string processId)
        {
            return LogContext.PushProperty("process_id", processId);
        }

        if (context.GetRouteValue("batchId") is string batchId)
        {
            return LogContext.PushProperty("batch_id", batchId);
        }

        var path = context.Request.Path;
        return context.GetRouteValue("id") is not string id ? null
            : path.StartsWithSegments("/api/processes") || path.StartsWithSegments("/processes") ? LogContext.PushProperty("process_id", id)
            : path.StartsWithSegments("/api/batches") || path.StartsWithSegments("/api/process-batches") || path.StartsWithSegments("/process-batches")
                ? LogContext.PushProperty("batch_id", id)
                : null;
    }
}
