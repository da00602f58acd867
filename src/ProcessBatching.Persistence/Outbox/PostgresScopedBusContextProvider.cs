using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Decides what the scoped publish and send endpoints are: inside a consumer, its consume context
/// (the consumer outbox on an outbox endpoint); anywhere else, the bus outbox on the scoped DbContext.
/// </summary>
public sealed class PostgresScopedBusContextProvider<TDbContext>(
    IBus bus,
    TDbContext db,
    OutboxDeliverySignal signal,
    Bind<IBus, IClientFactory> clientFactory,
    Bind<IBus, IScopedConsumeContextProvider> busConsumeContext,
    IScopedConsumeContextProvider consumeContext,
    IServiceProvider provider) : IScopedBusContextProvider<IBus>, IDisposable
    where TDbContext : DbContext
{
    public ScopedBusContext Context { get; } =
        busConsumeContext.Value.HasContext ? new ConsumeContextScopedBusContext(busConsumeContext.Value.GetContext(), clientFactory.Value)
        : consumeContext.HasContext ? new ConsumeContextScopedBusContext(consumeContext.GetContext(), clientFactory.Value)
        : new PostgresBusOutboxContext(bus, db, signal, clientFactory.Value, provider);

    public void Dispose() => (Context as IDisposable)?.Dispose();
}
