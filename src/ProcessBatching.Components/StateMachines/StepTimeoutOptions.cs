namespace ProcessBatching.Components.StateMachines;

/// <summary>Bound from <c>Processes</c> (<c>Processes__StepTimeout</c>, <c>Processes__StepAttempts</c>).</summary>
public sealed class StepTimeoutOptions
{
    public const string Section = "Processes";

    /// <summary>How long a process waits for a step's reply before it sends the same command again.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sends of one command, the first included; after the last one times out the process waits in the troubleshooting queue (<c>TIMEOUT</c>).</summary>
    public int StepAttempts { get; set; } = 3;
}
