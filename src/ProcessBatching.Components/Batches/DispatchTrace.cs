using System.Diagnostics;
using ProcessBatching.Components.Telemetry;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Carries the creating request's trace over the dispatch hop: the batch's dispatch row keeps the
/// W3C traceparent, and each chunk is sent inside a span that continues it, so the StartProcess
/// messages (and the saga and steps after them) belong to the request's trace.
/// </summary>
public static class DispatchTrace
{
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    public static Activity? Start(Guid batchId, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        var activity = ProcessBatchingMetrics.ActivitySource.StartActivity("dispatch processes", ActivityKind.Producer, parent);
        activity?.SetTag("processbatching.batch_id", batchId.ToString());
        return activity;
    }
}
