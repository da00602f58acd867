namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// How waiting for a batch ended: finished (COMPLETED or COMPLETED_WITH_FAILURES), or why not; with how
/// many processes ended COMPLETED and how many ended otherwise (compensated, failed, canceled), so a
/// rate counts only the first and reports the others beside it.
/// </summary>
public sealed record BatchOutcome(bool Finished, string Status, TimeSpan Elapsed, long ProcessesFinished, string? WhyNot, long Completed = 0)
{
    public long NotCompleted => ProcessesFinished - Completed;

    /// <summary>Completed processes per second over the whole wait.</summary>
    public double CompletedPerSecond => Completed / Math.Max(Elapsed.TotalSeconds, 0.001);
}
