using System.Text.Json;

namespace ProcessBatching.Components.Processes;

/// <summary>One process as the process page and <c>GET /api/processes/{id}</c> show it, with its audit trail.</summary>
public sealed record ProcessDetail(
    Guid ProcessId,
    Guid? BatchId,
    string ProcessType,
    string Status,
    string? CurrentStep,
    JsonElement State,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ProcessAuditEntry> AuditTrail)
{
    public bool IsWaitingForTroubleshooting => Status == "WAITING_FOR_TSQ";

    /// <summary>Not started yet, or waiting on a step's reply: an operator may redrive it.</summary>
    public bool CanBeRedriven => Status is "PENDING" or "IN_PROGRESS" or "WAITING_FOR_REPLY" or "COMPENSATING";
}
