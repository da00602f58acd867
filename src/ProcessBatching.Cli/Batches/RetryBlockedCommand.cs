using System.ComponentModel;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

/// <summary><c>pb batch retry-blocked</c>: retries the batch's processes in the troubleshooting queue, or only those of one step or error code.</summary>
public sealed class RetryBlockedCommand(Terminal terminal)
    : BatchActionCommand<RetryBlockedCommand.Settings>(terminal, "retry-blocked", "retry of the blocked processes accepted")
{
    public sealed class Settings : BatchSettings
    {
        [CommandOption("--step <STEP>")]
        [Description("Only processes blocked at this step (e.g. StatementQuery).")]
        public string? Step { get; set; }

        [CommandOption("--error-code <CODE>")]
        [Description("Only processes blocked with this error code (e.g. TIMEOUT).")]
        public string? ErrorCode { get; set; }
    }

    protected override IEnumerable<(string Name, string? Value)> Query(Settings settings) =>
        [("step", settings.Step), ("error_code", settings.ErrorCode)];
}
