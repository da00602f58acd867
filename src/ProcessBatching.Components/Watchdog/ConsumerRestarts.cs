using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// Restarts a receive endpoint, or the whole bus, each step bounded by <see cref="ConsumerWatchdogOptions.RestartTimeout"/>:
/// a wedged transport may never finish stopping, and the watchdog must go on probing.
/// </summary>
public sealed class ConsumerRestarts(IBusControl bus, IOptions<ConsumerWatchdogOptions> options, ILogger<ConsumerRestarts> logger)
{
    private TimeSpan Timeout => options.Value.RestartTimeout;

    public async Task<bool> RestartEndpointAsync(IReceiveEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using (var stopping = Bounded(cancellationToken))
            {
                await endpoint.Stop(stopping.Token);
            }

            var handle = endpoint.Start(cancellationToken);
            await handle.Ready.WaitAsync(Timeout, cancellationToken);
            logger.LogInformation("Receive endpoint {Address} restarted", endpoint.InputAddress);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Restarting receive endpoint {Address} failed", endpoint.InputAddress);
            return false;
        }
    }

    public async Task<bool> RestartBusAsync(CancellationToken cancellationToken)
    {
        try
        {
            using (var stopping = Bounded(cancellationToken))
            {
                await bus.StopAsync(stopping.Token);
            }

            // The bus connects its endpoints on a fresh connection: the stopped connection supervisor is replaced.
            using var starting = Bounded(cancellationToken);
            await bus.StartAsync(starting.Token);
            logger.LogInformation("Bus restarted");
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Restarting the bus failed");
            return false;
        }
    }

    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(Timeout);
        return source;
    }
}
