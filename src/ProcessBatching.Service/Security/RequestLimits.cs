using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ProcessBatching.Service.Security;

/// <summary>
/// Bounds on what one caller can ask for: the request body's size (Kestrel's limit, answered 413 as
/// problem details) and the batches a caller creates a minute (ASP.NET Core's rate limiter, 429).
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, LimitsOptions limits)
    {
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize);

        // Kestrel refuses a body over the limit when the endpoint starts reading it, before any parsing,
        // by throwing; without this the exception handler would answer 500.
        services.Configure<ExceptionHandlerOptions>(handler =>
        {
            handler.StatusCodeSelector = exception =>
                exception is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            // A refused request is the caller's mistake, answered; not an error of the service's to log.
            handler.SuppressDiagnosticsCallback = context => context.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException;
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                EndpointRules.KeyOf(context.GetEndpoint(), context.Request.Method) is { } key && EndpointRules.CreateBatches.Contains(key)
                    ? RateLimitPartition.GetFixedWindowLimiter("batches:" + CallerOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.BatchesPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                        $"At most {limits.BatchesPerMinute} batches a minute per caller (Limits__BatchesPerMinute); try again in {seconds} s.",
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many batches")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The token's subject; without authentication, everyone is one caller.</summary>
    private static string CallerOf(HttpContext context) =>
        context.User.FindFirst("sub")?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "local";
}
