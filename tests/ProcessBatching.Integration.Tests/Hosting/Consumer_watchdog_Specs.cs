using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Hosting;

/// <summary>
/// The process endpoint loses its consumer while a batch runs (as after a broker restart that
/// failed an ack mid-message, MassTransit #2072): the service must say it is not ready, then bring
/// the consumer back by itself and finish the batch.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_receive_endpoint_stops_consuming(IntegrationFixture fixture) : IAsyncLifetime
{
    private const string ProcessQueue = "statement-report-state";
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = await RunningService.StartAsync(fixture, FastWatchdog.Configuration(fixture));
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Should_report_not_ready_then_restart_it_and_finish_the_batch()
    {
        await ProcessEndpoint().Stop();
        var batchId = await _service.CreateBatchAsync(new { count = 50 });

        var (status, body) = await Eventually.GetAsync(_service.Client, "/health/ready",
            response => response.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        status.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        body.ShouldContain($"{ProcessQueue}: stopped");

        var batch = await _service.FinishedBatchAsync(batchId);
        batch.GetProperty("completed_count").GetInt32().ShouldBe(50, batch.ToString());
        (await _service.Rabbit.ConsumersAsync(ProcessQueue)).ShouldBe(1u);
        var (readyAgain, _) = await Eventually.GetAsync(_service.Client, "/health/ready", response => response.IsSuccessStatusCode);
        readyAgain.ShouldBe(HttpStatusCode.OK);
    }

    private IReceiveEndpoint ProcessEndpoint() =>
        _service.Services.GetRequiredService<IBusControl>().CheckHealth().Endpoints.Values
            .Single(endpoint => endpoint.InputAddress.AbsolutePath.EndsWith($"/{ProcessQueue}", StringComparison.Ordinal))
            .ReceiveEndpoint;
}
