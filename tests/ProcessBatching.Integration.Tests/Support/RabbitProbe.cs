using System.Text;
using RabbitMQ.Client;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>A plain RabbitMQ client on the fixture's virtual host: what a publisher without MassTransit sees.</summary>
public sealed class RabbitProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private RabbitProbe(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<RabbitProbe> ConnectAsync(IntegrationFixture fixture)
    {
        var factory = new ConnectionFactory
        {
            HostName = fixture.Services.RabbitHost,
            Port = fixture.Services.RabbitPort,
            VirtualHost = fixture.VirtualHost,
            UserName = fixture.Services.RabbitUsername,
            Password = fixture.Services.RabbitPassword,
        };
        var connection = await factory.CreateConnectionAsync();
        return new RabbitProbe(connection, await connection.CreateChannelAsync());
    }

    /// <summary>MassTransit's exchange for a message type, as MassTransit names it.</summary>
    public static string ExchangeFor<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";

    /// <summary>Publishes plain JSON, with the AMQP <c>message_id</c> property when <paramref name="messageId"/> is given.</summary>
    public async Task PublishJsonAsync(string exchange, string json, Guid? messageId = null)
    {
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = messageId?.ToString() };
        await _channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>A queue of the test's own, bound to a message type's exchange, to count what is published.</summary>
    public async Task<string> BindQueueAsync(string exchange)
    {
        var queue = $"probe-{Guid.NewGuid():N}";
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await _channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        await _channel.QueueBindAsync(queue, exchange, "");
        return queue;
    }

    /// <summary>Messages ready in a queue; 0 while the queue does not exist yet (an error queue appears with its first fault).</summary>
    public async Task<uint> CountAsync(string queue)
    {
        // A missing queue closes the channel it was asked on, so ask on a channel of its own.
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Whether the queue exists (an error queue appears with its first fault).</summary>
    public async Task<bool> ExistsAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    /// <summary>Consumers attached to a queue, as the broker counts them.</summary>
    public async Task<uint> ConsumersAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
    }

    /// <summary>
    /// Takes every message waiting in a queue (basic.get until it answers empty); MassTransit envelopes
    /// are unwrapped to their message. A queue that does not exist yet has none.
    /// </summary>
    public async Task<List<System.Text.Json.JsonElement>> TakeAllAsync(string queue)
    {
        // A missing queue closes the channel it was asked on, so ask on a channel of its own.
        await using var channel = await _connection.CreateChannelAsync();
        var messages = new List<System.Text.Json.JsonElement>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                var json = System.Text.Json.JsonDocument.Parse(delivery.Body).RootElement.Clone();
                messages.Add(json.TryGetProperty("message", out var message) ? message : json);
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (messages.Count == 0)
        {
            // no such queue: nothing was ever routed to it
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
