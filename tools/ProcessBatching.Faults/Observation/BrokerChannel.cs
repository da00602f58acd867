using RabbitMQ.Client;
using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Observation;

/// <summary>An AMQP channel on the scenario's virtual host, opened for one short task (never held across a fault).</summary>
public static class BrokerChannel
{
    public static async Task<(IConnection Connection, IChannel Channel)> OpenAsync(string virtualHost)
    {
        var factory = new ConnectionFactory
        {
            HostName = FaultServices.Host,
            Port = FaultServices.AmqpPort,
            VirtualHost = virtualHost,
            UserName = FaultServices.RabbitUser,
            Password = FaultServices.RabbitPassword,
            ClientProvidedName = "process-batching-faults",
        };
        var connection = await factory.CreateConnectionAsync();
        return (connection, await connection.CreateChannelAsync());
    }

    /// <summary>
    /// Takes every message off a queue with basic.get: the management API's counts are sampled every few
    /// seconds and lag, a drained queue is exact.
    /// </summary>
    public static async Task<List<BasicGetResult>> DrainAsync(IChannel channel, string queue)
    {
        var messages = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }
}
