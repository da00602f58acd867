using System.Diagnostics;
using MassTransit;
using MassTransit.RetryPolicies;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Watchdog;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Hosting;

/// <summary>
/// The broker refuses the service for a while, three times over (its access to the virtual host taken
/// away and its connections closed, so every attempt to connect fails, as while a broker restarts),
/// with the watchdog off so that only MassTransit's own reconnection acts: every endpoint must consume
/// again within seconds of the broker taking it back, each time. With MassTransit's policy the waits
/// between attempts grow with every failed one, over all outages (about 6, 9, 15, then 27-37 s).
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_broker_drops_the_connections_again_and_again(IntegrationFixture fixture) : IAsyncLifetime
{
    private const int Outages = 3;
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(12);

    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = await RunningService.StartAsync(fixture, new Dictionary<string, string?>(fixture.ServiceConfiguration())
        {
            ["Watchdog:Enabled"] = "false",
        });
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public void Should_retry_the_broker_every_few_seconds_without_a_limit()
    {
        var policy = _service.Services.GetRequiredService<IBusInstance>().HostConfiguration.ReceiveTransportRetryPolicy;

        var exponential = policy.ShouldBeOfType<ExponentialRetryPolicy>();
        exponential.RetryLimit.ShouldBe(int.MaxValue);
        Enumerable.Range(0, 50).Max(exponential.GetRetryInterval).ShouldBeLessThanOrEqualTo(BrokerReconnectPolicy.MaxInterval * 1.25);
    }

    [Fact]
    public async Task Should_consume_again_within_seconds_of_the_broker_coming_back_each_time()
    {
        var recoveries = new List<TimeSpan>();
        for (var outage = 0; outage < Outages; outage++)
        {
            await BrokerConnections.RefuseAsync(fixture);
            await Eventually.Holds(async () => !await AllConsumingAsync(), TimeSpan.FromSeconds(10), "the outage to take the consumers away");
            await Task.Delay(OutageLength);
            await BrokerConnections.AdmitAsync(fixture);
            var clock = Stopwatch.StartNew();
            await Eventually.Holds(AllConsumingAsync, RecoveryBound + TimeSpan.FromSeconds(45), "every endpoint to consume again");
            recoveries.Add(clock.Elapsed);
        }

        recoveries.ShouldAllBe(recovery => recovery <= RecoveryBound,
            $"consumers back {string.Join(" / ", recoveries.Select(recovery => $"{recovery.TotalSeconds:F1} s"))} after the broker was back");
    }

    private async Task<bool> AllConsumingAsync()
    {
        try
        {
            // A connection of its own each time: the drops close the spec's connections too.
            await using var rabbit = await RabbitProbe.ConnectAsync(fixture);
            foreach (var queue in ServiceQueues.Consumed)
            {
                if (await rabbit.ConsumersAsync(queue) == 0)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException)
        {
            return false;
        }
    }
}
