namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>How waiting for a batch ended: finished (COMPLETED or COMPLETED_WITH_FAILURES), or why not.</summary>
public sealed record BatchOutcome(bool Finished, string Status, TimeSpan Elapsed, long ProcessesFinished, string? WhyNot);
