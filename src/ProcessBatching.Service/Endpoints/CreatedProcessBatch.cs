using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Endpoints;

/// <summary>The answer to <c>POST /api/processes/batch</c> (S093): the first processes and how many exist.</summary>
public sealed record CreatedProcessBatch(
    Guid BatchId,
    BatchStatus BatchStatus,
    int TotalCount,
    int CompletedCount,
    IReadOnlyList<ProcessSummary> Processes,
    int ProcessCount,
    string Message);
