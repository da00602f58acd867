using MassTransit;
using MassTransit.Logging;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Sends committed outbox rows to the broker: the outboxes messages consumed here committed, from
/// memory (<see cref="CommittedOutboxes"/>, their rows leased to this replica when written), and,
/// woken by a local commit or by the poll, a batch of outboxes it leases from the tables (a bus
/// outbox, a delayed send come due, another replica's expired lease). It sends each outbox in
/// sequence (outboxes side by side), then deletes what was sent.
/// A crash between send and delete sends those messages again (at least once; the receiving
/// inbox drops the copy). Safe with several replicas. On shutdown a send under way is finished, not
/// cancelled (a cancelled send may still reach the broker and would be sent again after restart),
/// and what is due is flushed once more while the bus still runs.
/// </summary>
public sealed class OutboxDeliveryService<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxDeliverySignal signal,
    CommittedOutboxes committed,
    IOptions<PostgresOutboxOptions> options,
    ILogger<OutboxDeliveryService<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly PostgresOutboxOptions _options = options.Value;

    /// <summary>Sent messages between two checkpoints of one long outbox.</summary>
    private const int CheckpointEvery = 500;

    /// <summary>How long the last flush on shutdown may take.</summary>
    private static readonly TimeSpan FlushOnStop = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DeliveryServiceEnabled)
        {
            return;
        }

        var lastClaim = TimeProvider.System.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // While committed outboxes keep coming, the tables are still read once per poll interval.
                var fromMemory = await DeliverCommitted();
                var claimed = 0;
                if (fromMemory == 0 || TimeProvider.System.GetElapsedTime(lastClaim) >= _options.PollInterval)
                {
                    claimed = await DeliverBatch(stoppingToken);
                    lastClaim = TimeProvider.System.GetTimestamp();
                }

                if (fromMemory < _options.DeliveryBatchSize && claimed < _options.DeliveryBatchSize)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Outbox delivery failed; retrying after {Interval}", _options.PollInterval);
                await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_options.DeliveryServiceEnabled)
        {
            return;
        }

        using var flush = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        flush.CancelAfter(FlushOnStop);
        try
        {
            while (await DeliverCommitted() + await DeliverBatch(flush.Token) > 0)
            {
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The outbox was not flushed on shutdown; what is left is delivered after the next start");
        }
    }

    private async Task<int> DeliverBatch(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var messages = await OutboxBatch.ClaimAsync(db, _options.DeliveryBatchSize, _options.DeliveryLease, cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        // Once claimed, a batch is sent to the end: stopping only stops the next claim.
        var deliveries = await Task.WhenAll(messages.GroupBy(m => m.OutboxId).Select(outbox => Deliver(outbox.Key, outbox)));
        await OutboxBatch.CompleteAsync(db, deliveries, _options.RetryAfter, CancellationToken.None);
        return deliveries.Length;
    }

    private async Task<int> DeliverCommitted()
    {
        var outboxes = committed.Take(_options.DeliveryBatchSize);
        if (outboxes.Count == 0)
        {
            return 0;
        }

        // Taken from memory, they are sent to the end; should the delete fail, the lease runs out and a claim sends them again.
        var deliveries = await Task.WhenAll(outboxes.Select(outbox => Deliver(outbox[0].OutboxId, outbox)));
        await using var scope = scopes.CreateAsyncScope();
        await OutboxBatch.CompleteAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), deliveries, _options.RetryAfter, CancellationToken.None);
        return deliveries.Length;
    }

    private async Task<OutboxDelivery> Deliver(Guid outboxId, IEnumerable<OutboxMessage> outbox)
    {
        var lastSent = 0;
        var sinceCheckpoint = 0;
        foreach (var message in outbox)
        {
            try
            {
                if (message.ExpirationTime is null || message.ExpirationTime > DateTime.UtcNow)
                {
                    await Send(new DeliverableMessage(message));
                }

                lastSent = message.SequenceNumber;
                if (++sinceCheckpoint == CheckpointEvery)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await OutboxBatch.CheckpointAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), outboxId, lastSent, _options.DeliveryLease, CancellationToken.None);
                    sinceCheckpoint = 0;
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Outbox {OutboxId} stopped at message {MessageId}; it is retried in {RetryAfter}", outboxId, message.MessageId, _options.RetryAfter);
                return new OutboxDelivery(outboxId, lastSent, Complete: false);
            }
        }

        return new OutboxDelivery(outboxId, lastSent, Complete: true);
    }

    private async Task Send(DeliverableMessage message)
    {
        using var timeout = new CancellationTokenSource(_options.SendTimeout);
        var endpoint = await bus.GetSendEndpoint(message.DestinationAddress);

        // MassTransit stored the sender's activity id in the row's headers (MT-Activity-Id); the send
        // continues that trace, so a trace runs from the request through every outbox hop.
        var activity = LogContext.Current?.StartOutboxDeliverActivity(message);
        try
        {
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), timeout.Token);
        }
        catch (Exception exception)
        {
            activity?.AddExceptionEvent(exception);
            throw;
        }
        finally
        {
            activity?.Stop();
        }
    }
}
