using ProcessBatching.Cli.Service;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

/// <summary>An operator's action on a whole batch: <c>POST /api/process-batches/{id}/{action}</c>, accepted or refused.</summary>
public abstract class BatchActionCommand<TSettings>(Terminal terminal, string action, string accepted) : AsyncCommand<TSettings>
    where TSettings : BatchSettings
{
    /// <summary>The action's query parameters, unescaped, without the <c>?</c>; none by default.</summary>
    protected virtual IEnumerable<(string Name, string? Value)> Query(TSettings settings) => [];

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var service = ServiceClient.For(settings, terminal);
        var query = string.Join("&", Query(settings).Where(parameter => parameter.Value is not null)
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}"));
        var path = $"api/process-batches/{settings.BatchId}/{action}" + (query.Length > 0 ? "?" + query : "");
        var answer = await service.PostAsync(path, null, cancellationToken);
        if (settings.Json)
        {
            Json.Print(terminal.Out, answer);
        }
        else
        {
            terminal.Out.WriteLine(Answers.Outcome(answer, $"Batch {settings.BatchId}: {accepted}"));
        }

        return ExitCodes.Success;
    }
}

public static class BatchActionCommand
{
    public sealed class Cancel(Terminal terminal) : BatchActionCommand<BatchSettings>(terminal, "cancel", "cancel accepted");

    public sealed class Pause(Terminal terminal) : BatchActionCommand<BatchSettings>(terminal, "pause", "pause accepted");

    public sealed class Resume(Terminal terminal) : BatchActionCommand<BatchSettings>(terminal, "resume", "resume accepted");
}
