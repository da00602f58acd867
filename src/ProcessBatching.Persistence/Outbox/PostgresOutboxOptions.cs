namespace ProcessBatching.Persistence.Outbox;

public sealed class PostgresOutboxOptions
{
    /// <summary>False keeps committed sends in the tables (tests use it to stop delivery between commit and send).</summary>
    public bool DeliveryServiceEnabled { get; set; } = true;

    /// <summary>Outboxes leased and delivered per round trip.</summary>
    public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>How often to look for outboxes this replica was not told about.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a leased outbox belongs to one delivery service; after that another may take it over.</summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an outbox whose delivery failed waits before it is tried again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a consumed message's inbox row is kept to drop a redelivered copy.</summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int CleanupBatchSize { get; set; } = 1000;
}
