using System.Globalization;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// The service's own garbage-collector counters, read from its <c>GET /metrics</c> (the runtime's
/// <c>System.Runtime</c> meter): bytes allocated, collections and time paused since start. Allocation
/// per process does not move with the machine's load the way CPU time does, so it is the figure to
/// compare two builds by. Also the time spent compiling (tiered JIT re-compiles hot code for a while
/// after start), which tells a warm service from a cold one.
/// </summary>
public sealed record RuntimeCounters(double AllocatedBytes, double Collections, double Gen2Collections, double PauseSeconds, double JitSeconds)
{
    public static async Task<RuntimeCounters?> ReadAsync(HttpClient service)
    {
        try
        {
            var text = await service.GetStringAsync("/metrics");
            return new RuntimeCounters(
                Sum(text, "dotnet_gc_heap_total_allocated_bytes_total"),
                Sum(text, "dotnet_gc_collections_total"),
                Sum(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""),
                Sum(text, "dotnet_gc_pause_time_seconds_total"),
                Sum(text, "dotnet_jit_compilation_time_seconds_total"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Per process between two readings, and the share of <paramref name="elapsed"/> the service was paused for collections.</summary>
    public static string PerProcess(RuntimeCounters before, RuntimeCounters after, long processes, TimeSpan elapsed) =>
        $"{(after.AllocatedBytes - before.AllocatedBytes) / processes / 1024:F0} kB allocated; " +
        $"{(after.Collections - before.Collections) * 1000 / processes:F0} collections per 1,000 processes " +
        $"({(after.Gen2Collections - before.Gen2Collections) * 1000 / processes:F1} of them gen2); " +
        $"paused {100 * (after.PauseSeconds - before.PauseSeconds) / elapsed.TotalSeconds:F1} % of the time";

    /// <summary>The sum of a Prometheus metric's samples (every label set, or those carrying <paramref name="label"/>).</summary>
    private static double Sum(string exposition, string metric, string? label = null) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + " ", StringComparison.Ordinal) || line.StartsWith(metric + "{", StringComparison.Ordinal))
            .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
}
