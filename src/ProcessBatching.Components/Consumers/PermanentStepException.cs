namespace ProcessBatching.Components.Consumers;

/// <summary>A failure retrying cannot fix: the command goes straight to the troubleshooting queue.</summary>
public sealed class PermanentStepException(string message) : Exception(message);
