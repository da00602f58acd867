namespace ProcessBatching.Cli.Tests.Support;

/// <summary>One run of pb in this process: its exit code and what it wrote, against a <see cref="FakeService"/>.</summary>
public sealed record PbRun(int ExitCode, string Out, string Error)
{
    public static async Task<PbRun> RunAsync(FakeService service, string[] args, Dictionary<string, string>? variables = null, bool interactive = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var terminal = new Terminal(output, error, name => variables?.GetValueOrDefault(name), () => service, interactive, TimeSpan.FromMilliseconds(1));
        var exitCode = await Pb.RunAsync(args, terminal);
        return new PbRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
