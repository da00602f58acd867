using System.Text.Json;

namespace ProcessBatching.Components.Processes;

/// <summary>One step command a process sent (a <c>process_audit</c> row) and, once it came, its reply.</summary>
public sealed record ProcessAuditEntry(
    string StepName,
    Guid CommandId,
    string CommandType,
    JsonElement? CommandData,
    DateTimeOffset SentAt,
    string? ReplyOutcome,
    JsonElement? ReplyData,
    DateTimeOffset? ReceivedAt);
