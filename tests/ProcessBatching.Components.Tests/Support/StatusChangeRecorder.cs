using System.Collections.Concurrent;
using MassTransit;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>Every ProcessStatusChanged the bus publishes, in publish order.</summary>
public sealed class StatusChangeRecorder : IPublishObserver
{
    readonly ConcurrentQueue<ProcessStatusChanged> _changes = new();

    public IReadOnlyList<ProcessStatusChanged> Of(Guid processId) => [.. _changes.Where(x => x.ProcessId == processId)];

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is ProcessStatusChanged change)
            _changes.Enqueue(change);
        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
