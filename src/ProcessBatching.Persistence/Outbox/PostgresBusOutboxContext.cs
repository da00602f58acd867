using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// The bus outbox: outside a consumer (an HTTP handler, a hosted service), the scoped
/// <c>IPublishEndpoint</c> and <c>ISendEndpointProvider</c> write outbox rows into the scoped
/// DbContext; they commit with the caller's SaveChanges and are delivered after it.
/// Request clients are not captured (they wait for a reply).
/// </summary>
public sealed class PostgresBusOutboxContext : ScopedBusContext, OutboxSendContext, IDisposable
{
    private readonly IBus _bus;
    private readonly DbContext _db;
    private readonly OutboxDeliverySignal _signal;
    private readonly IServiceProvider _provider;
    private readonly ScopedBusContext _direct;
    private readonly OutboxWriter _writer;

    public PostgresBusOutboxContext(IBus bus, DbContext db, OutboxDeliverySignal signal, IClientFactory clientFactory, IServiceProvider provider)
    {
        (_bus, _db, _signal, _provider) = (bus, db, signal, provider);
        _direct = new BusScopedBusContext<IBus>(bus, clientFactory, provider);
        _writer = OutboxWriter.Tracked(db);
        SendEndpointProvider = new OutboxSendEndpointProvider(this, bus);
        PublishEndpoint = new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));
        db.SavedChanges += WakeDelivery;
    }

    public ISendEndpointProvider SendEndpointProvider { get; }
    public IPublishEndpoint PublishEndpoint { get; }
    public IScopedClientFactory ClientFactory => _direct.ClientFactory;

    public Task AddSend<T>(SendContext<T> context)
        where T : class => _writer.Add(context);

    public object? GetService(Type serviceType) => _provider.GetService(serviceType);

    // Also on dispose: with an explicit transaction the rows become visible at commit, after SaveChanges.
    public void Dispose()
    {
        _db.SavedChanges -= WakeDelivery;
        WakeDelivery(this, EventArgs.Empty);
    }

    private void WakeDelivery(object? sender, EventArgs e)
    {
        if (_writer.HasMessages)
        {
            _signal.Notify();
        }
    }
}
