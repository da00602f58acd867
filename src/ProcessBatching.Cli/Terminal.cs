using Spectre.Console;

namespace ProcessBatching.Cli;

/// <summary>
/// What a run of <c>pb</c> talks to: its output streams, its environment and the network. The tests
/// give it writers, variables and an <see cref="HttpMessageHandler"/> of their own.
/// </summary>
public sealed record Terminal(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Variable,
    Func<HttpMessageHandler> Network,
    bool IsInteractive,
    TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    public static Terminal OfThisProcess() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        () => new SocketsHttpHandler(),
        !Console.IsOutputRedirected,
        DefaultPollInterval);

    /// <summary>A console for widgets on <see cref="Out"/>: colours and live redrawing only on a terminal.</summary>
    public IAnsiConsole Widgets() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = IsInteractive ? InteractionSupport.Yes : InteractionSupport.No,
    });
}
