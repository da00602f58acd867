using System.Collections.Concurrent;
using MassTransit;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>
/// Every message a consumer or process of the bus finished with, by message id, with the exception
/// when it faulted: the evidence that a message had its chance to change something.
/// </summary>
public sealed class HandledMessageRecorder : IConsumeObserver
{
    readonly ConcurrentQueue<(Guid? MessageId, string MessageType, Exception? Fault)> _handled = new();

    /// <summary>
    /// Waits until the bus has finished with every one of these messages (by message id) and asserts
    /// none of them faulted: after it, whatever they could change has changed.
    /// </summary>
    public async Task ShouldHaveHandled(IEnumerable<Guid> messageIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var messageId in messageIds)
        {
            List<(Guid? MessageId, string MessageType, Exception? Fault)> handled;
            while ((handled = [.. _handled.Where(x => x.MessageId == messageId)]).Count == 0)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException(
                        $"Waited {timeout.TotalSeconds:0.#} s for message {messageId} to be handled; handled so far: " +
                        string.Join(", ", _handled.Select(x => $"{x.MessageType} {x.MessageId}")));
                await Task.Delay(20);
            }

            handled.ShouldAllBe(x => x.Fault == null, $"{handled[0].MessageType} {messageId} was handled without a fault");
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _handled.Enqueue((context.MessageId, typeof(T).Name, null));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _handled.Enqueue((context.MessageId, typeof(T).Name, exception));
        return Task.CompletedTask;
    }
}
