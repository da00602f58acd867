using System.Net;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Hosting;

/// <summary>
/// The broker closes the service's connections several times while a batch runs, as a broker
/// restart does, acks of in-flight messages failing with them: the service must notice, then either
/// consume again by itself or, when an endpoint is wedged beyond what MassTransit 8.5.12 lets it heal
/// in process, fail liveness; the spec then replaces the process as the orchestrator would, and the
/// batch must finish.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_broker_closes_the_service_connections_mid_batch(IntegrationFixture fixture) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = await RunningService.StartAsync(fixture, FastWatchdog.Configuration(fixture));
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Should_report_not_ready_then_consume_again_or_fail_liveness_and_finish_the_batch()
    {
        var slowSteps = new { min_duration_ms = 20, max_duration_ms = 80 };
        var batchId = await _service.CreateBatchAsync(new { count = 400, behavior = new { query = slowSteps, aggregation = slowSteps, render = slowSteps } });
        await _service.BatchAsync(batchId, batch => batch.GetProperty("completed_count").GetInt32() > 0);

        using var watching = new CancellationTokenSource();
        var notReady = NotReadySeenAsync(watching.Token);
        for (var fault = 0; fault < 3; fault++)
        {
            await BrokerConnections.CloseAllAsync(fixture);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        var (healed, live) = await Eventually.UntilAsync(
            async () => (await FinishedAsync(batchId), await LiveAsync()), outcome => outcome.Item1 || outcome.Item2 == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromMinutes(3));
        await watching.CancelAsync();
        (await notReady).ShouldBeTrue("/health/ready never answered 503 while the connections were closed");
        if (!healed)
        {
            live.ShouldBe(HttpStatusCode.ServiceUnavailable, "the batch did not finish and liveness did not fail either");
            await _service.DisposeAsync();
            _service = await RunningService.StartAsync(fixture, FastWatchdog.Configuration(fixture));
        }

        await Eventually.Holds(() => FinishedAsync(batchId), TimeSpan.FromMinutes(3), "the batch to finish");
        var batch = await _service.Client.GetStringAsync($"/api/batches/{batchId}");
        batch.ShouldContain("\"completed_count\":400");
        // Asked on a connection of its own: the faults closed the spec's probe connection too, and it may
        // still be waiting to recover when the batch finishes.
        await using var rabbit = await RabbitProbe.ConnectAsync(fixture);
        foreach (var queue in ServiceQueues.Consumed)
        {
            (await rabbit.ConsumersAsync(queue)).ShouldBe(1u, queue);
        }
    }

    private async Task<bool> FinishedAsync(Guid batchId) =>
        (await _service.Client.GetStringAsync($"/api/batches/{batchId}")).Contains("\"status\":\"COMPLETED\"");

    private async Task<HttpStatusCode> LiveAsync()
    {
        using var response = await _service.Client.GetAsync("/health/live");
        return response.StatusCode;
    }

    private async Task<bool> NotReadySeenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await _service.Client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return false;
    }
}
