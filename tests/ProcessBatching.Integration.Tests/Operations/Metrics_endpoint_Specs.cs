using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>GET /metrics after a batch that completes and one that waits in the troubleshooting queue.</summary>
public sealed class When_metrics_are_scraped_after_a_small_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Telemetry:GaugeInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Should_report_the_processes_finished_the_open_batch_and_the_troubleshooting_queue()
    {
        var scrape = await AfterTwoBatchesAsync();

        scrape.Value("processbatching_processes_finished_total", "status=\"COMPLETED\"", "process_type=\"StatementReport\"").ShouldBe(3);
        scrape.Value("processbatching_batches_open").ShouldBe(1, "the blocked batch stays open");
        scrape.Value("processbatching_troubleshooting_processes").ShouldBe(1);
        scrape.Value("processbatching_batch_refreshes_total").ShouldBeGreaterThan(0);
        scrape.Value("processbatching_outbox_oldest_age_seconds").ShouldBeInRange(0, 30);
        scrape.Value("processbatching_dispatch_lag_seconds").ShouldBe(0, "every process was handed out");
    }

    private async Task<PrometheusText> AfterTwoBatchesAsync()
    {
        var completed = await Service.CreateBatchAsync(new { count = 3, name = "Finishes" });
        var blocked = await Service.CreateBatchAsync(new { count = 1, name = "Blocked", behavior = new { query = new { fail_permanent_pct = 100 } } });
        await Service.FinishedBatchAsync(completed);
        await Service.BatchAsync(blocked, batch => batch.GetProperty("blocked_count").GetInt32() == 1);

        return await Eventually.UntilAsync(
            async () => PrometheusText.Parse(await Service.Client.GetStringAsync("/metrics")),
            scrape => scrape.Value("processbatching_troubleshooting_processes") == 1 && scrape.Value("processbatching_batches_open") == 1);
    }
}
