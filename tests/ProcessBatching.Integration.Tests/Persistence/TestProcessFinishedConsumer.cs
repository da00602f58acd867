using System.Collections.Concurrent;
using MassTransit;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>Counts the events a process published, as a downstream service would see them.</summary>
public sealed class PublishedEvents
{
    private readonly ConcurrentDictionary<Guid, int> _finished = new();
    private readonly ConcurrentDictionary<Guid, int> _announced = new();
    private readonly ConcurrentDictionary<Guid, int> _deliveries = new();

    public int Finished(Guid processId) => _finished.GetValueOrDefault(processId);
    public int Announced(Guid processId) => _announced.GetValueOrDefault(processId);

    /// <summary>How often an interrupted step reached its process, redeliveries included.</summary>
    public int Deliveries(Guid processId) => _deliveries.GetValueOrDefault(processId);

    public void RecordDelivery(Guid processId) => _deliveries.AddOrUpdate(processId, 1, (_, count) => count + 1);
    public void RecordFinished(Guid processId) => _finished.AddOrUpdate(processId, 1, (_, count) => count + 1);
    public void RecordAnnounced(Guid processId) => _announced.AddOrUpdate(processId, 1, (_, count) => count + 1);
}

public sealed class TestProcessFinishedConsumer(PublishedEvents events) : IConsumer<TestProcessFinished>, IConsumer<TestStepAnnounced>
{
    public Task Consume(ConsumeContext<TestProcessFinished> context)
    {
        events.RecordFinished(context.Message.ProcessId);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<TestStepAnnounced> context)
    {
        events.RecordAnnounced(context.Message.ProcessId);
        return Task.CompletedTask;
    }
}
