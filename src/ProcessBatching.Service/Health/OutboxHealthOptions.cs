namespace ProcessBatching.Service.Health;

/// <summary>Bound from the <c>Health</c> section.</summary>
public sealed class OutboxHealthOptions
{
    public const string Section = "Health";

    /// <summary>Age of the oldest undelivered outbox message past which readiness reports Degraded (<c>Health__OutboxDegradedAfter</c>).</summary>
    public TimeSpan OutboxDegradedAfter { get; set; } = TimeSpan.FromSeconds(60);
}
