using System.Text.Json;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// One step command a process sent (a <c>process_audit</c> row) and, once it came, its reply; or an
/// operator's request (retry, complete, cancel, redrive), which names who asked and gets no reply.
/// </summary>
public sealed record ProcessAuditEntry(
    string StepName,
    Guid CommandId,
    string CommandType,
    JsonElement? CommandData,
    DateTimeOffset SentAt,
    string? ReplyOutcome,
    JsonElement? ReplyData,
    DateTimeOffset? ReceivedAt)
{
    /// <summary>Who asked, for an operator's request; null for a step command.</summary>
    public OperatorIdentity? RequestedBy =>
        CommandData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("requested_by", out var by)
        && by.TryGetProperty("subject", out var subject)
            ? new OperatorIdentity(subject.GetString() ?? "", by.TryGetProperty("name", out var name) ? name.GetString() : null)
            : null;
}
