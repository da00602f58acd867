using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// The watchdog's two remedies, each bounded by <see cref="ConsumerWatchdogOptions.RestartTimeout"/>.
/// Not a bus restart: in MassTransit 8.5.12 stopping the bus waits on the wedged endpoint, gives up,
/// stops the healthy endpoints and then "starts" a host it still counts as started (seen here:
/// "Start called, but the host was already started"), leaving nothing consuming.
/// </summary>
public sealed class ConsumerRestarts(IBusInstance bus, IOptions<ConsumerWatchdogOptions> options, ILogger<ConsumerRestarts> logger)
{
    private TimeSpan Timeout => options.Value.RestartTimeout;

    /// <summary>Starts again an endpoint that was stopped.</summary>
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

    /// <summary>Closes the bus's RabbitMQ connection, as a broker restart would, so that MassTransit reconnects every endpoint and send channel.</summary>
    public async Task<bool> ReconnectAsync(CancellationToken cancellationToken)
    {
        if (bus.HostConfiguration is not IRabbitMqHostConfiguration rabbit)
        {
            return false;
        }

        try
        {
            IConnection? connection = null;
            using (var asking = Bounded(cancellationToken))
            {
                await rabbit.ConnectionContextSupervisor.Send(Pipe.Execute<ConnectionContext>(context => connection = context.Connection), asking.Token);
            }

            if (connection is not null)
            {
                await connection.CloseAsync(Constants.ReplySuccess, "ProcessBatching consumer watchdog: endpoints not consuming", Timeout, abort: true, cancellationToken);
            }

            logger.LogInformation("Closed the bus connection {Connection}; MassTransit reconnects", connection?.ClientProvidedName);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Closing the bus connection failed");
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
