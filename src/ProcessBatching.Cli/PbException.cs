namespace ProcessBatching.Cli;

/// <summary>A failure to tell the user in plain words on stderr, ending the run with <see cref="ExitCodes.Error"/>.</summary>
public class PbException(string message) : Exception(message);

/// <summary>The service did not answer at all (refused, unknown host, timed out): a watch may try again.</summary>
public sealed class ServiceUnreachableException(string message) : PbException(message);
