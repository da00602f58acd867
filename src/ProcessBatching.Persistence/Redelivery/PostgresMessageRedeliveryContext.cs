using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;

namespace ProcessBatching.Persistence.Redelivery;

/// <summary>
/// Redelivers a message through the PostgreSQL outbox: a copy (same message id, redelivery count
/// one higher) is written as a delayed send to the queue it came from, in a transaction of its
/// own, and the delivery service sends it when it is due. The broker needs no delay plugin.
/// </summary>
public sealed class PostgresMessageRedeliveryContext<TMessage, TDbContext>(
    ConsumeContext<TMessage> context,
    IServiceScopeFactory scopes,
    ResiliencePipeline whileDatabaseIsDown,
    ILogger logger) : MessageRedeliveryContext
    where TMessage : class
    where TDbContext : DbContext
{
    public Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
    {
        logger.LogWarning("{MessageType} {MessageId} failed on the infrastructure; redelivery {Redelivery} in {Delay}",
            typeof(TMessage).Name, context.MessageId, context.GetRedeliveryCount() + 1, delay);
        return whileDatabaseIsDown.ExecuteAsync(async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>(); // outside a consumer: the bus outbox
            var endpoint = await outbox.GetSendEndpoint(context.ReceiveContext.InputAddress);
            var copy = Pipe.Execute<SendContext<TMessage>>(send =>
            {
                send.ApplyRedeliveryOptions(context, RedeliveryOptions.None);
                send.Delay = delay;
                callback?.Invoke(context, send);
            });
            await endpoint.Send(context.Message, new ForwardMessagePipe<TMessage>(context, copy), cancellationToken);
            await scope.ServiceProvider.GetRequiredService<TDbContext>().SaveChangesAsync(cancellationToken);
        }, context.CancellationToken).AsTask();
    }
}
