namespace ProcessBatching.Cli;

/// <summary>What <c>pb</c> exits with, so a script can tell a good batch from a bad one without parsing text.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked; a watched batch ended <c>COMPLETED</c>.</summary>
    public const int Success = 0;

    /// <summary>Bad arguments or input, an unreachable service, or an answer other than success.</summary>
    public const int Error = 1;

    /// <summary>A watched batch ended, but not every process succeeded: failures, or cancelled.</summary>
    public const int BatchFailed = 3;

    /// <summary>Interrupted (Ctrl+C), as shells report a SIGINT.</summary>
    public const int Interrupted = 130;
}
