namespace ProcessBatching.Persistence.Outbox;

/// <summary>A unit of sends delivered in order (<c>commandbus.outbox_state</c>).</summary>
public sealed class OutboxState
{
    public Guid OutboxId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Not delivered before this time: <see cref="CreatedAt"/> for an immediate send, later for a delayed one.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Set while a delivery service holds the lease; an expired lease means the holder died.</summary>
    public DateTime? LockedUntil { get; set; }
}
