using System.ComponentModel;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Service;

/// <summary>What every command that calls the service takes: where it is, who asks, and how to answer.</summary>
public class ServiceSettings : CommandSettings
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    [CommandOption("--server <URL>")]
    [Description("The service's address (default: PB_SERVER, else " + DefaultServer + ").")]
    public string? Server { get; set; }

    [CommandOption("--token <TOKEN>")]
    [Description("A bearer token for the service (default: PB_TOKEN); see docs/security.md.")]
    public string? Token { get; set; }

    [CommandOption("--json")]
    [Description("Print one JSON object for scripts instead of text.")]
    public bool Json { get; set; }
}
