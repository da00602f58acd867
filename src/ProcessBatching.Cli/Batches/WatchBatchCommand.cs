using ProcessBatching.Cli.Service;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

public sealed class WatchBatchCommand(Terminal terminal) : AsyncCommand<BatchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BatchSettings settings, CancellationToken cancellationToken)
    {
        using var service = ServiceClient.For(settings, terminal);
        return await new BatchWatcher(service, terminal).WatchAsync(settings.BatchId, settings.Json, cancellationToken);
    }
}
