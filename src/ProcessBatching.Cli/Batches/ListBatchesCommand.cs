using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ProcessBatching.Cli.Service;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

/// <summary><c>pb batch list</c>: one page of <c>GET /api/process-batches</c>, newest first.</summary>
public sealed class ListBatchesCommand(Terminal terminal) : AsyncCommand<ListBatchesCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--status <STATUS>")]
        [Description("Only batches in this status (PENDING, IN_PROGRESS, COMPLETED, COMPLETED_WITH_FAILURES, ...).")]
        public string? Status { get; set; }

        [CommandOption("--page <N>")]
        [Description("The page, from 1.")]
        public int? Page { get; set; }

        [CommandOption("--page-size <N>")]
        [Description("Batches a page (1-500, default 50).")]
        public int? PageSize { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var service = ServiceClient.For(settings, terminal);
        var query = string.Join('&', new[]
        {
            settings.Status is null ? null : $"status={Uri.EscapeDataString(settings.Status)}",
            settings.Page is null ? null : $"page={settings.Page}",
            settings.PageSize is null ? null : $"page_size={settings.PageSize}",
        }.OfType<string>());
        var answer = await service.GetAsync("api/process-batches" + (query.Length > 0 ? "?" + query : ""), cancellationToken);
        if (settings.Json)
        {
            Json.Print(terminal.Out, answer);
            return ExitCodes.Success;
        }

        var batches = answer.GetProperty("items").EnumerateArray().Select(Batch.From).ToList();
        terminal.Out.WriteLine($"{"BATCH",-36}  {"STATUS",-23}  {"TOTAL",7}  {"COMPLETED",9}  {"FAILED",7}  {"BLOCKED",7}  {"CREATED (UTC)",-19}  NAME");
        foreach (var batch in batches)
        {
            terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{batch.BatchId,-36}  {batch.Shown,-23}  {batch.TotalCount,7}  {batch.CompletedCount,9}  {batch.FailedCount,7}  {batch.BlockedCount,7}  {batch.CreatedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss}  {batch.Name}"));
        }

        terminal.Out.WriteLine($"Page {answer.GetProperty("page")} of {Number(answer, "page_count")} ({Number(answer, "total_count")} batches)");
        return ExitCodes.Success;
    }

    private static string Number(JsonElement answer, string name) => answer.TryGetProperty(name, out var value) ? value.ToString() : "?";
}
