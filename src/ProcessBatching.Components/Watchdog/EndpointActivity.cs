using System.Collections.Concurrent;
using MassTransit;

namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// Counts, per queue, the messages this replica received and is handling: the watchdog's proof
/// that an endpoint takes what waits on its queue, which the broker's consumer count alone cannot
/// give when several replicas share a queue. Also notes an endpoint someone stopped: it will not
/// start by itself, unlike one that completes between two reconnection attempts.
/// </summary>
public sealed class EndpointActivity : IReceiveObserver, IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, Counters> _queues = new(StringComparer.OrdinalIgnoreCase);

    public LocalActivity For(string queue, bool faulted)
    {
        var counters = _queues.GetOrAdd(queue, _ => new Counters());
        return new LocalActivity(Interlocked.Read(ref counters.Received), Volatile.Read(ref counters.InFlight), faulted, Volatile.Read(ref counters.Stopped));
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        Volatile.Write(ref CountersOf(stopping.InputAddress).Stopped, true);
        return Task.CompletedTask;
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        Volatile.Write(ref CountersOf(ready.InputAddress).Stopped, false);
        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    public Task PreReceive(ReceiveContext context)
    {
        var counters = CountersOf(context);
        Interlocked.Increment(ref counters.Received);
        Interlocked.Increment(ref counters.InFlight);
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Decrement(ref CountersOf(context).InFlight);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Decrement(ref CountersOf(context).InFlight);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    /// <summary>The queue an endpoint address names: its last path segment (<c>rabbitmq://host/vhost/queue</c>).</summary>
    public static string QueueOf(Uri inputAddress) => inputAddress.AbsolutePath.Split('/')[^1];

    private Counters CountersOf(ReceiveContext context) => CountersOf(context.InputAddress);

    private Counters CountersOf(Uri inputAddress) => _queues.GetOrAdd(QueueOf(inputAddress), _ => new Counters());

    private sealed class Counters
    {
        public long Received;
        public int InFlight;
        public bool Stopped;
    }
}
