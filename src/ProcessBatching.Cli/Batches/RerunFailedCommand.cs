using System.ComponentModel;
using ProcessBatching.Cli.Service;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

/// <summary><c>pb batch rerun-failed</c>: a new batch from the requests of the failed and canceled processes, linked to its parent.</summary>
public sealed class RerunFailedCommand(Terminal terminal) : AsyncCommand<RerunFailedCommand.Settings>
{
    public sealed class Settings : BatchSettings
    {
        [CommandOption("--wait")]
        [Description("Then watch the new batch until it ends (as pb batch watch).")]
        public bool Wait { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var service = ServiceClient.For(settings, terminal);
        var answer = await service.PostAsync($"api/process-batches/{settings.BatchId}/rerun-failed", null, cancellationToken);
        var batchId = answer.GetProperty("batch_id").GetGuid();
        if (!settings.Json)
        {
            var total = answer.TryGetProperty("total_count", out var count) ? $": {count} processes" : "";
            terminal.Out.WriteLine($"Batch {batchId} created from the failed and canceled processes of batch {settings.BatchId}{total}.");
        }

        if (settings.Wait)
        {
            return await new BatchWatcher(service, terminal).WatchAsync(batchId, settings.Json, cancellationToken);
        }

        if (settings.Json)
        {
            Json.Print(terminal.Out, answer);
        }

        return ExitCodes.Success;
    }
}
