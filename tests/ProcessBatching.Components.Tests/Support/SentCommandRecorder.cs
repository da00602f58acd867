using System.Collections.Concurrent;
using MassTransit;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>
/// Every send, copies included: the harness's own Sent list keeps one entry per message id, and a
/// resent step command keeps its command id as its message id.
/// </summary>
public sealed class SentCommandRecorder : ISendObserver
{
    readonly ConcurrentQueue<(Guid? CorrelationId, object Message)> _sent = new();

    public List<T> Of<T>(Guid processId)
        where T : class =>
        [.. _sent.Where(x => x.CorrelationId == processId).Select(x => x.Message).OfType<T>()];

    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        _sent.Enqueue((context.CorrelationId, context.Message));
        return Task.CompletedTask;
    }

    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
