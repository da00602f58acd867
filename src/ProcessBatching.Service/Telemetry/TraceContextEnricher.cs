using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace ProcessBatching.Service.Telemetry;

/// <summary>
/// <c>trace_id</c> and <c>span_id</c> on every event written inside a request or a message, so a log
/// line leads to its trace (and the lines of one trace can be found together).
/// </summary>
public sealed class TraceContextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var (traceId, spanId) = logEvent.TraceId is { } trace
            ? (trace.ToHexString(), logEvent.SpanId?.ToHexString())
            : Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
                ? (activity.TraceId.ToHexString(), activity.SpanId.ToHexString())
                : (null, null);
        if (traceId is null)
        {
            return;
        }

        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("trace_id", traceId));
        if (spanId is not null)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("span_id", spanId));
        }
    }
}
