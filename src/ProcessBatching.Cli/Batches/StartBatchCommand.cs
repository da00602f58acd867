using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProcessBatching.Cli.Service;
using ProcessBatching.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

/// <summary><c>pb batch start</c>: <c>POST /api/processes/batch</c> from a count or a CSV file, then optionally the watch.</summary>
public sealed partial class StartBatchCommand(Terminal terminal) : AsyncCommand<StartBatchCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("-n|--count <N>")]
        [Description("How many processes (made-up accounts); with --from-csv it must equal the rows.")]
        public int? Count { get; set; }

        [CommandOption("--name <NAME>")]
        [Description("The batch's name.")]
        public string? Name { get; set; }

        [CommandOption("--behavior <FILE>")]
        [Description("A JSON file of worker behaviour per step, e.g. {\"render\": {\"fail_transient_pct\": 10}}.")]
        public string? Behavior { get; set; }

        [CommandOption("--from-csv <FILE>")]
        [Description("One process per row: a header naming account and optionally from_date, to_date, output_type (README: Command line).")]
        public string? FromCsv { get; set; }

        [CommandOption("--from-date <DATE>")]
        [Description("Statements from this date (yyyy-MM-dd; default today).")]
        public DateOnly? FromDate { get; set; }

        [CommandOption("--to-date <DATE>")]
        [Description("Statements to this date (yyyy-MM-dd; default today).")]
        public DateOnly? ToDate { get; set; }

        [CommandOption("--output-type <TYPE>")]
        [Description("pdf, html or csv (default pdf).")]
        public string? OutputType { get; set; }

        [CommandOption("--batch-id <UUID>")]
        [Description("The new batch's id, so that running the same command again creates nothing twice.")]
        public Guid? BatchId { get; set; }

        [CommandOption("--wait")]
        [Description("Then watch the batch until it ends (as pb batch watch).")]
        public bool Wait { get; set; }

        public override ValidationResult Validate() =>
            Count is null && FromCsv is null ? ValidationResult.Error("give --count N or --from-csv FILE.")
            : Count is <= 0 ? ValidationResult.Error("--count must be 1 or more.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Every file is read before anything is sent: a bad row sends nothing.
        var behavior = settings.Behavior is null ? null : ReadBehavior(settings.Behavior);
        var rows = settings.FromCsv is null
            ? null
            : AccountsCsv.Read(settings.FromCsv, new StatementReportRequest(
                settings.FromDate ?? Today, settings.ToDate ?? Today, [], settings.OutputType ?? "pdf", behavior ?? ProcessBehavior.None));
        var request = rows is null
            ? new StartProcessBatch(settings.BatchId, settings.Name, settings.Count, settings.FromDate, settings.ToDate, settings.OutputType, behavior)
            : new StartProcessBatch(settings.BatchId, settings.Name, settings.Count, null, null, null, null, [.. rows.Select(row => row.Request)]);

        using var service = ServiceClient.For(settings, terminal);
        var answer = await service.PostAsync("api/processes/batch", request, cancellationToken, field => WithCsvLine(field, settings.FromCsv, rows));
        var batchId = answer.GetProperty("batch_id").GetGuid();
        if (settings.Wait)
        {
            if (!settings.Json)
            {
                terminal.Out.WriteLine(Answers.Message(answer, $"Created batch {batchId}."));
            }

            return await new BatchWatcher(service, terminal).WatchAsync(batchId, settings.Json, cancellationToken);
        }

        if (settings.Json)
        {
            Json.Print(terminal.Out, answer);
        }
        else
        {
            terminal.Out.WriteLine(Answers.Message(answer, $"Created batch {batchId}."));
            terminal.Out.WriteLine($"Watch it with: pb batch watch {batchId}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The service's "today" for a statement's dates is UTC's.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static ProcessBehavior ReadBehavior(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ProcessBehavior>(File.ReadAllText(path), Json.Strict)
                ?? throw new PbException($"{path}: the behaviour must be a JSON object.");
        }
        catch (IOException exception)
        {
            throw new PbException($"cannot read the behaviour file: {exception.Message}");
        }
        catch (JsonException exception)
        {
            throw new PbException($"{path} is not a behaviour ({{\"query\": {{\"fail_permanent_pct\": 0, ...}}, \"aggregation\": ..., \"render\": ...}}): " +
                $"{(exception.Path is { Length: > 1 } at ? at.TrimStart('$', '.') + ": " : "")}{exception.Message}");
        }
    }

    /// <summary>A field the service names in its answer, with the CSV line its request came from.</summary>
    private static string WithCsvLine(string field, string? path, IReadOnlyList<AccountsCsv.Row>? rows) =>
        rows is not null && RequestIndex().Match(field) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, out var index) && index < rows.Count
            ? $"{field} ({Path.GetFileName(path)} line {rows[index].Line})"
            : field;

    [GeneratedRegex(@"^requests\[(\d+)\]")]
    private static partial Regex RequestIndex();
}
