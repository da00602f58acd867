using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Persistence.Model;

/// <summary>A row of <c>commandbus.command</c>: one command and where it stands.</summary>
public sealed class CommandRow
{
    public Guid CommandId { get; set; }
    public required string Domain { get; set; }
    public required string CommandType { get; set; }
    public required CommandStatus Status { get; set; }
    public int Attempts { get; set; }
    public Guid? CorrelationId { get; set; }
    public Guid? BatchId { get; set; }
    public string? LastErrorCode { get; set; }
    public string? LastErrorMsg { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
