namespace ProcessBatching.Components.Consumers;

/// <summary>A failure a retry may fix; once retries run out the command goes to the troubleshooting queue.</summary>
public sealed class TransientStepException(string message) : Exception(message);
