namespace ProcessBatching.Components.Batches;

/// <summary>A batch request that cannot be created; <see cref="Errors"/> is keyed by the request's field names.</summary>
public sealed class ProcessBatchValidationException(IDictionary<string, string[]> errors)
    : Exception("The process batch request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
