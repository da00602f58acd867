using System.Text.Json;
using ProcessBatching.Contracts;
using RabbitMQ.Client;

namespace ProcessBatching.Faults.Observation;

/// <summary>
/// A queue of the suite's own, bound to the <see cref="ProcessBatchCompleted"/> exchange before the batch
/// starts, as a subscriber would be: at the end it holds every completion the service published.
/// </summary>
public static class CompletionQueue
{
    private const string Queue = "faults-process-batch-completed";

    // MassTransit's exchange name for a message type: its namespace and name.
    private static readonly string Exchange = $"{typeof(ProcessBatchCompleted).Namespace}:{nameof(ProcessBatchCompleted)}";

    public static async Task BindAsync(string virtualHost)
    {
        var (connection, channel) = await BrokerChannel.OpenAsync(virtualHost);
        await using (connection)
        await using (channel)
        {
            // Declared as MassTransit declares it, so whichever comes first the other agrees.
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(Queue, Exchange, "");
        }
    }

    /// <summary>Completions published for <paramref name="batchId"/>, after waiting up to <paramref name="settle"/> for the first one.</summary>
    public static async Task<int> CountAsync(string virtualHost, Guid batchId, TimeSpan settle)
    {
        var (connection, channel) = await BrokerChannel.OpenAsync(virtualHost);
        await using (connection)
        await using (channel)
        {
            var count = 0;
            var deadline = DateTimeOffset.UtcNow + settle;
            do
            {
                foreach (var message in await BrokerChannel.DrainAsync(channel, Queue))
                {
                    count += BatchIdOf(message.Body.Span) == batchId ? 1 : 0;
                }

                // A duplicate from a second replica or a resent outbox row may come a moment later.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            while (count == 0 && DateTimeOffset.UtcNow < deadline);

            await Task.Delay(TimeSpan.FromSeconds(2));
            foreach (var message in await BrokerChannel.DrainAsync(channel, Queue))
            {
                count += BatchIdOf(message.Body.Span) == batchId ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>The batch id from MassTransit's envelope (<c>message.batch_id</c>) or a raw JSON body.</summary>
    private static Guid? BatchIdOf(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var message = document.RootElement.TryGetProperty("message", out var inner) ? inner : document.RootElement;
        return message.TryGetProperty("batch_id", out var id) && id.TryGetGuid(out var batchId) ? batchId : null;
    }
}
