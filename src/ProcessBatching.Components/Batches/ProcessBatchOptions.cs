namespace ProcessBatching.Components.Batches;

/// <summary>Bound from the <c>ProcessBatches</c> section.</summary>
public sealed class ProcessBatchOptions
{
    public const string Section = "ProcessBatches";

    public int MaxCount { get; set; } = 1_000_000;

    /// <summary>
    /// The longest a simulated step may be asked to take (<c>max_duration_ms</c>): a worker holds a
    /// consumer slot while it waits, so a step of days would stall its queue.
    /// </summary>
    public TimeSpan MaxStepDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Command batches send every command through the outbox in one transaction; keep them smaller.</summary>
    public int MaxCommandBatchCount { get; set; } = 100_000;

    /// <summary>How many StartProcess messages one dispatcher turn sends for a batch.</summary>
    public int DispatchChunkSize { get; set; } = 500;

    /// <summary>
    /// How long the dispatcher waits for the broker to confirm a chunk. A confirm lost with its channel
    /// (a broker restart) would otherwise hold the dispatcher, and every batch behind it, for good; after
    /// this the chunk is sent again (a saga takes a second StartProcess as the duplicate it is). Keep it
    /// under the dispatch lease (30 s), so no other replica takes the batch meanwhile.
    /// </summary>
    public TimeSpan DispatchSendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many processes of one batch may be started and not yet finished (or waiting in the
    /// troubleshooting queue) before the dispatcher waits: completions keep flowing while a large
    /// batch starts, and the queues and the service's memory stay bounded.
    /// </summary>
    public int MaxInFlightPerBatch { get; set; } = 2_000;

    /// <summary>
    /// How many of a batch's processes one message of an operator's batch action (retry blocked,
    /// cancel) asks at a time, in one transaction; the next message asks the next ones.
    /// </summary>
    public int ActionChunkSize { get; set; } = 500;

    /// <summary>How often open batches are refreshed, so a lost progress event cannot leave one open.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);
}
