using System.Collections.Concurrent;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>Accepts every operator request and remembers it, so a test can see what the page asked for.</summary>
public sealed class RecordingOperator : IProcessOperator
{
    public ConcurrentQueue<(string Action, Guid ProcessId)> Requests { get; } = new();

    public Task<OperatorOutcome> RetryAsync(Guid processId, CancellationToken cancellationToken) => Record("retry", processId);

    public Task<OperatorOutcome> CompleteAsync(Guid processId, CancellationToken cancellationToken) => Record("complete", processId);

    public Task<OperatorOutcome> CancelAsync(Guid processId, CancellationToken cancellationToken) => Record("cancel", processId);

    private Task<OperatorOutcome> Record(string action, Guid processId)
    {
        Requests.Enqueue((action, processId));
        return Task.FromResult(OperatorOutcome.Accepted);
    }
}
