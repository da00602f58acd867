using System.Text.Json;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Processes;

/// <summary>One process as the process page and <c>GET /api/processes/{id}</c> show it, with its audit trail.</summary>
public sealed record ProcessDetail(
    Guid ProcessId,
    Guid? BatchId,
    string ProcessType,
    ProcessStatus Status,
    string? CurrentStep,
    JsonElement State,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ProcessAuditEntry> AuditTrail)
{
    public bool IsWaitingForTroubleshooting => Status == ProcessStatus.InTroubleshootingQueue;

    /// <summary>Not started yet, or waiting on a step's reply: an operator may redrive it.</summary>
    public bool CanBeRedriven => Status.IsOpen() && !IsWaitingForTroubleshooting;
}
