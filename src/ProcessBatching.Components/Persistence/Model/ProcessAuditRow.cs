namespace ProcessBatching.Components.Persistence.Model;

/// <summary>A row of <c>commandbus.process_audit</c>: one step command a process sent, and its reply.</summary>
public sealed class ProcessAuditRow
{
    public required string Domain { get; set; }
    public Guid ProcessId { get; set; }
    public required string StepName { get; set; }
    public Guid CommandId { get; set; }
    public required string CommandType { get; set; }
    public string? CommandData { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public string? ReplyOutcome { get; set; }
    public string? ReplyData { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
}
