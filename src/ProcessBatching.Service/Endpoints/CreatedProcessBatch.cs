using System.Text.Json.Serialization;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Endpoints;

/// <summary>
/// The answer to <c>POST /api/processes/batch</c> (S093): the first processes and how many exist; also
/// the answer to <c>rerun-failed</c>, which names the batch it reran.
/// </summary>
public sealed record CreatedProcessBatch(
    Guid BatchId,
    BatchStatus BatchStatus,
    int TotalCount,
    int CompletedCount,
    IReadOnlyList<ProcessSummary> Processes,
    int ProcessCount,
    string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentBatchId { get; init; }
}
