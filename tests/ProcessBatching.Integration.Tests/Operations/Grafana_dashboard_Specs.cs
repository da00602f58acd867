using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>
/// deploy/grafana/processbatching.json against what the service exports: the service runs as a
/// process of its own (MassTransit's meter is one per process), a batch completes and one faults
/// into the troubleshooting queue, then every metric a panel queries must be in the scrape.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class When_the_grafana_dashboard_is_checked_against_a_scrape(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = await ServiceProcess.StartAsync(fixture, new Dictionary<string, string> { ["Telemetry__GaugeInterval"] = "00:00:00.200" });
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Should_query_only_metrics_the_service_exports()
    {
        var completed = await CreateAsync(new { count = 2, name = "Completes" });
        var blocked = await CreateAsync(new { count = 1, name = "Blocked", behavior = new { query = new { fail_transient_pct = 100 } } });
        await Eventually.UntilAsync(() => _service.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{completed}"),
            batch => batch.GetProperty("status").GetString() == "COMPLETED");
        await Eventually.UntilAsync(() => _service.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{blocked}"),
            batch => batch.GetProperty("blocked_count").GetInt32() == 1);

        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.Resolve("deploy/grafana/processbatching.json")));
        var queried = Expressions(dashboard.RootElement).SelectMany(expr => SelectedMetric().Matches(expr).Select(match => match.Groups[1].Value)).ToHashSet();
        var scrape = await Eventually.UntilAsync(
            async () => PrometheusText.Parse(await _service.Client.GetStringAsync("/metrics")),
            scrape => queried.IsSubsetOf(scrape.Names));

        queried.ShouldContain("processbatching_processes_finished_total");
        queried.ShouldContain("processbatching_troubleshooting_processes");
        queried.ShouldContain("messaging_masstransit_consume_ea_total");
        queried.Except(scrape.Names).ShouldBeEmpty("queried by the dashboard but not exported");
    }

    private async Task<string> CreateAsync(object request)
    {
        var response = await _service.Client.PostAsJsonAsync("/api/processes/batch", request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetString()!;
    }

    private static IEnumerable<string> Expressions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
            property is { Name: "expr", Value.ValueKind: JsonValueKind.String } ? [property.Value.GetString()!] : Expressions(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Expressions),
        _ => [],
    };

    // Every panel selects its series with a label matcher (metric{job=~"$job"}), so a metric is a name before '{'.
    [GeneratedRegex(@"([a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex SelectedMetric();
}
