using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ProcessBatching.Cli.Service;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Processes;

/// <summary><c>pb process show</c>: <c>GET /api/processes/{id}</c>, its error and its audit trail.</summary>
public sealed class ShowProcessCommand(Terminal terminal) : AsyncCommand<ShowProcessCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<PROCESS_ID>")]
        [Description("The process's id (a UUID).")]
        public Guid ProcessId { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var service = ServiceClient.For(settings, terminal);
        var process = await service.GetAsync($"api/processes/{settings.ProcessId}", cancellationToken);
        if (settings.Json)
        {
            Json.Print(terminal.Out, process);
            return ExitCodes.Success;
        }

        var output = terminal.Out;
        output.WriteLine($"Process {settings.ProcessId} {Text(process, "status")} ({Text(process, "process_type")})");
        output.WriteLine($"  batch:   {Text(process, "batch_id") ?? "none"}");
        output.WriteLine($"  step:    {Text(process, "current_step") ?? "none"}");
        if (Text(process, "error_code") is { } code)
        {
            output.WriteLine($"  error:   {code}: {Text(process, "error_message")}");
        }

        output.WriteLine($"  created: {Text(process, "created_at")}, updated: {Text(process, "updated_at")}, completed: {Text(process, "completed_at") ?? "not yet"}");
        if (process.TryGetProperty("audit_trail", out var trail) && trail.ValueKind == JsonValueKind.Array)
        {
            output.WriteLine("Audit trail:");
            foreach (var entry in trail.EnumerateArray())
            {
                var reply = Text(entry, "reply_outcome") is { } outcome ? $"{outcome} at {Text(entry, "received_at")}" : "no reply";
                var by = entry.TryGetProperty("requested_by", out var who) && who.ValueKind == JsonValueKind.Object
                    ? $", requested by {Text(who, "subject")}{(Text(who, "name") is { } name ? $" ({name})" : "")}"
                    : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Text(entry, "sent_at")}  {Text(entry, "step_name"),-26} {Text(entry, "command_type"),-26} {reply}{by}"));
            }
        }

        return ExitCodes.Success;
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
