namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>The no-op consumer's message.</summary>
public sealed record CeilingPing(Guid Id);

/// <summary>Starts one trivial saga.</summary>
public sealed record TrivialStart(Guid CorrelationId);

/// <summary>The trivial saga's one command, answered by <see cref="TrivialWorker"/>.</summary>
public sealed record TrivialWork(Guid CorrelationId);

/// <summary>The reply that finishes a trivial saga.</summary>
public sealed record TrivialReply(Guid CorrelationId);
