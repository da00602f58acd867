using System.Text;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>OTEL_EXPORTER_OTLP_ENDPOINT set: traces and metrics reach an OTLP collector.</summary>
public sealed class When_traces_are_exported_over_otlp(IntegrationFixture fixture) : ServiceSpec(fixture), IAsyncLifetime
{
    private readonly OtlpReceiver _collector = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = "processbatching-spec",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    [Fact]
    public async Task Should_follow_one_batch_from_the_post_through_dispatch_saga_and_steps_in_one_trace()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 2, name = "Traced" });
        (await Service.FinishedBatchAsync(batchId)).GetProperty("status").GetString().ShouldBe("COMPLETED");

        var post = await Eventually.UntilAsync(
            () => Task.FromResult(_collector.Spans.FirstOrDefault(span => span.Kind == OtlpSpan.ServerKind && span.Name == "POST /api/processes/batch")),
            span => span is not null);
        post.ShouldNotBeNull(string.Join(", ", _collector.Spans.Select(span => span.Name).Distinct()));

        // The last step's reply reaches the saga after the last step ran: once it is exported, the rest is too.
        var trace = await Eventually.UntilAsync(
            () => Task.FromResult(_collector.Spans.Where(span => span.TraceId == post.TraceId).Select(span => span.Name).ToHashSet()),
            names => names.Any(name => name.StartsWith("statement-render", StringComparison.Ordinal))
                && names.Count(name => name.StartsWith("statement-report-state", StringComparison.Ordinal)) >= 2);

        trace.ShouldContain("dispatch processes");
        trace.ShouldContain(name => name.StartsWith("statement-report-state", StringComparison.Ordinal), "a saga message in the POST's trace: " + string.Join(", ", trace));
        trace.ShouldContain(name => name.StartsWith("statement-query", StringComparison.Ordinal), "a step consumed in the POST's trace: " + string.Join(", ", trace));
        trace.ShouldContain(name => name.StartsWith("statement-render", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_export_the_services_metrics()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });
        await Service.FinishedBatchAsync(batchId);

        var exported = await Eventually.UntilAsync(
            () => Task.FromResult(_collector.MetricExports.Select(Encoding.UTF8.GetString).ToList()),
            exports => exports.Any(export => export.Contains("processbatching.processes.finished")));

        exported.ShouldContain(export => export.Contains("processbatching.processes.finished"));
        exported.ShouldContain(export => export.Contains("processbatching.batches.open"));
        exported.ShouldContain(export => export.Contains("http.server.request.duration"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _collector.DisposeAsync();
    }
}
