using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProcessBatching.Service.Health;

/// <summary>The health endpoints' answer: the overall status and each check's name, status and description, for operators and probes alike.</summary>
public static class HealthJson
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var answer = new Answer(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.Select(entry => new Check(
                entry.Key,
                entry.Value.Status.ToString(),
                entry.Value.Description ?? entry.Value.Exception?.Message,
                entry.Value.Duration.TotalMilliseconds))]);
        return context.Response.WriteAsJsonAsync(answer, Json, context.RequestAborted);
    }

    private sealed record Answer(string Status, double DurationMs, IReadOnlyList<Check> Checks);

    private sealed record Check(string Name, string Status, string? Description, double DurationMs);
}
