using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// Asks the broker about queues with a passive declare on a connection of its own, apart from the
/// bus's: cheap, needs no management plugin, and still answers when the bus's own channels are wedged.
/// </summary>
public sealed class QueueProbe(ConnectionFactory connectionFactory, ILogger<QueueProbe> logger) : IAsyncDisposable
{
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>One reading per queue; null for a queue that could not be read (broker unreachable, queue missing).</summary>
    public async Task<IReadOnlyDictionary<string, QueueReading?>> ReadAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        var readings = new Dictionary<string, QueueReading?>(StringComparer.OrdinalIgnoreCase);
        foreach (var queue in queues)
        {
            readings[queue] = await ReadAsync(queue, cancellationToken);
        }

        return readings;
    }

    private async Task<QueueReading?> ReadAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return new QueueReading(declared.ConsumerCount, declared.MessageCount);
        }
        catch (Exception exception) when (exception is OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException
                                              or IOException or TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A missing queue closes the channel; a lost connection is replaced at the next probe; a
            // stopping broker leaves the declare unanswered until the continuation timeout.
            logger.LogDebug(exception, "Could not read queue {Queue}", queue);
            await DropChannelAsync();
            return null;
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { IsOpen: true })
        {
            await DropConnectionAsync();
            _connection = await connectionFactory.CreateConnectionAsync("ProcessBatching consumer watchdog", cancellationToken);
        }

        if (_channel is not { IsOpen: true })
        {
            await DropChannelAsync();
            _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        }

        return _channel;
    }

    private async Task DropChannelAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }
    }

    private async Task DropConnectionAsync()
    {
        await DropChannelAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync();
}
