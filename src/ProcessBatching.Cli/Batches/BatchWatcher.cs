using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ProcessBatching.Cli.Service;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ProcessBatching.Cli.Batches;

/// <summary>
/// Follows a batch until it ends: a live progress bar on a terminal, a plain line per change
/// otherwise, nothing but the final batch with <c>--json</c>. Ends with the batch's exit code.
/// </summary>
public sealed class BatchWatcher(ServiceClient service, Terminal terminal)
{
    /// <summary>How long a watch keeps asking a service that stopped answering (a restart, say).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Throughput _throughput = new();

    public async Task<int> WatchAsync(Guid batchId, bool json, CancellationToken cancellationToken)
    {
        var polls = PollAsync(batchId, cancellationToken);
        var (answer, batch) = terminal.IsInteractive && !json
            ? await ShowLiveAsync(polls)
            : await ShowLinesAsync(polls, json);
        if (json)
        {
            Json.Print(terminal.Out, answer);
        }
        else
        {
            terminal.Out.WriteLine(batch.FinalLine(_clock.Elapsed));
        }

        return batch.ExitCode;
    }

    private async Task<(JsonElement, Batch)> ShowLinesAsync(IAsyncEnumerable<(JsonElement, Batch)> polls, bool quiet)
    {
        (JsonElement, Batch) last = default;
        await foreach (var poll in polls)
        {
            // A line when something moved, not once a second for a batch that waits.
            if (!quiet && poll.Item2 != last.Item2)
            {
                terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,5:0.0} s] {Progress(poll.Item2)}"));
            }

            last = poll;
        }

        return last;
    }

    private async Task<(JsonElement, Batch)> ShowLiveAsync(IAsyncEnumerable<(JsonElement, Batch)> polls)
    {
        (JsonElement, Batch) last = default;
        await terminal.Widgets().Live(new Text("Waiting for the batch…"))
            .AutoClear(false)
            .StartAsync(async live =>
            {
                await foreach (var poll in polls)
                {
                    last = poll;
                    live.UpdateTarget(Widget(poll.Item2));
                    live.Refresh();
                }
            });
        return last;
    }

    /// <summary>The batch as one stacked bar (completed, failed, blocked, still to run) between its status and its pace.</summary>
    private IRenderable Widget(Batch batch)
    {
        var percent = batch.TotalCount == 0 ? 100 : 100.0 * batch.Done / batch.TotalCount;
        var bar = new BreakdownChart().Width(60).ShowTagValues()
            .AddItem("completed", batch.CompletedCount, Color.Green)
            .AddItem("failed", batch.FailedCount, Color.Red)
            .AddItem("blocked", batch.BlockedCount, Color.Yellow)
            .AddItem("to run", Math.Max(0, batch.TotalCount - batch.Done - batch.BlockedCount), Color.Grey);
        var pace = batch.HasEnded ? "ended" : _throughput.TimeLeft(batch);
        return new Rows(
            new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{batch.Shown}: {batch.Done} of {batch.TotalCount} done ({percent:0}%)"))),
            bar,
            new Text($"{_throughput.Rate}; {pace}"));
    }

    private string Progress(Batch batch) =>
        $"{batch.Shown} {batch.Done}/{batch.TotalCount} done: {batch.CompletedCount} completed, {batch.FailedCount} failed, " +
        $"{batch.BlockedCount} blocked; {_throughput.Rate}; {(batch.HasEnded ? "ended" : _throughput.TimeLeft(batch))}";

    /// <summary>The batch once a poll interval, until it has ended; the last one yielded is the ended batch.</summary>
    private async IAsyncEnumerable<(JsonElement, Batch)> PollAsync(Guid batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastAnswer = TimeSpan.Zero;
        while (true)
        {
            JsonElement answer;
            try
            {
                // refresh=true: counts at most a second old, as the batch page polls them.
                answer = await service.GetAsync($"api/process-batches/{batchId}?refresh=true", cancellationToken);
                lastAnswer = _clock.Elapsed;
            }
            catch (ServiceUnreachableException exception) when (lastAnswer > TimeSpan.Zero && _clock.Elapsed - lastAnswer < Patience)
            {
                terminal.Error.WriteLine($"pb: {exception.Message} Trying again.");
                await Task.Delay(terminal.PollInterval, cancellationToken);
                continue;
            }

            var batch = Batch.From(answer);
            _throughput.Add(_clock.Elapsed, batch.Done);
            yield return (answer, batch);
            if (batch.HasEnded)
            {
                yield break;
            }

            await Task.Delay(terminal.PollInterval, cancellationToken);
        }
    }
}
