using System.Collections.Concurrent;
using MassTransit;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// Counts, per message id, the messages of one type a service's consumers have finished with, so a
/// spec waits for the evidence that a copy was handled instead of sleeping.
/// </summary>
public sealed class HandledMessages<T> : IConsumeMessageObserver<T>
    where T : class
{
    private readonly ConcurrentDictionary<Guid, int> _handled = new();
    private int _faults;

    public int Faults => _faults;

    public int Count(Guid messageId) => _handled.GetValueOrDefault(messageId);

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        Handled(context);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
    {
        Interlocked.Increment(ref _faults);
        Handled(context);
        return Task.CompletedTask;
    }

    private void Handled(ConsumeContext<T> context) =>
        _handled.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, count) => count + 1);
}
