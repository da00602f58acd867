using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Schema;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

/// <summary>
/// README: the batch page shows where the batch's processes are (a table and a stacked bar per step),
/// its throughput in processes/s over the last 60 s with a chart, and an estimate that says "waiting on
/// N blocked processes" instead of a time when only blocked processes remain.
/// </summary>
[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_only_blocked_processes_remain_in_a_batch(BrowserFixture fixture) : PageSpec(fixture)
{
    // The processes' states are set by SQL; nothing but the API runs (no dispatcher, no saga).
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_show_where_they_wait_the_throughput_and_that_it_waits_on_them()
    {
        var batch = await RunningBatchAsync();

        await Page.GotoAsync($"/process-batches/{batch.BatchId}");

        // 4 finished in the last 60 s (the samples say when): 4 / 60 s.
        await Expect(Page.Locator("[data-field=throughput]")).ToHaveTextAsync("0.07 processes/s over the last 60 s");
        await Expect(Page.Locator("[data-field=eta]")).ToHaveTextAsync("Waiting on 2 blocked processes");
        var chart = Page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Throughput over time") });
        await Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"peak \d+\.\d+ processes/s"));
        await Expect(chart.Locator("rect")).Not.ToHaveCountAsync(0);

        var breakdown = Page.GetByRole(AriaRole.Table, new() { Name = "Where the processes are" });
        await Expect(breakdown.Locator("tbody tr")).ToHaveCountAsync(3);
        await ExpectStepAsync(breakdown, "", "COMPLETED", "4", "ok");
        await ExpectStepAsync(breakdown, "StatementQuery", "WAITING_FOR_TSQ", "1", "attention");
        await ExpectStepAsync(breakdown, "StatementRender", "WAITING_FOR_TSQ", "1", "attention");
        var errors = Page.GetByRole(AriaRole.Table, new() { Name = "By error code" });
        await Expect(errors.Locator("tbody tr")).ToHaveTextAsync([
            new System.Text.RegularExpressions.Regex("PermanentStepException\\s*StatementRender\\s*1"),
            new System.Text.RegularExpressions.Regex("TIMEOUT\\s*StatementQuery\\s*1"),
        ]);
        await Expect(Page.GetByText("2 processes wait in the troubleshooting queue.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(Page, "process-batch-blocked-breakdown");
        (await AxeViolationsAsync()).ShouldBeEmpty();

        await breakdown.Locator("tr[data-step=StatementRender] li[data-status=WAITING_FOR_TSQ] a").ClickAsync();
        await Expect(Page).ToHaveURLAsync($"{Service.BaseAddress}troubleshooting?batch={batch.BatchId}&step=StatementRender");
        await Expect(Page.Locator("table tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Should_follow_the_batch_live_until_only_blocked_processes_remain()
    {
        var batch = await RunningBatchAsync(blockedAtRender: false);
        // The page's timers run on a clock the spec moves (README: it refreshes itself every 1.5 s).
        await Page.Clock.InstallAsync();
        await Page.GotoAsync($"/process-batches/{batch.BatchId}");
        await Expect(Page.Locator("[data-field=eta]")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Waiting"));
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Where the processes are" }).Locator("tr[data-step=StatementRender]"))
            .ToContainTextAsync("WAITING_FOR_REPLY");

        var processes = await ProcessesOfAsync(batch);
        await Db.SetStatusAsync(processes[5].ProcessId, "WAITING_FOR_TSQ", "StatementRender", "PermanentStepException", "Renderer crashed");
        // Counts are at most a second old for a reader (README); the spec recounts now instead of waiting.
        await Service.Services.GetRequiredService<BatchOwner>().RecountAsync(batch.BatchId, CancellationToken.None);
        await Page.Clock.RunForAsync(1_600);

        await Expect(Page.Locator("[data-field=eta]")).ToHaveTextAsync("Waiting on 2 blocked processes");
        var breakdown = Page.GetByRole(AriaRole.Table, new() { Name = "Where the processes are" });
        await ExpectStepAsync(breakdown, "StatementRender", "WAITING_FOR_TSQ", "1", "attention");
        await Expect(breakdown.Locator("tr[data-step=StatementRender] li[data-status=WAITING_FOR_REPLY]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-field=throughput]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d\d processes/s over the last 60 s$"));
        (await AxeViolationsAsync()).ShouldBeEmpty();
    }

    /// <summary>
    /// Six processes: four completed within the last 30 s (so within the 60 s the throughput looks at),
    /// one waiting at the query step, one at the render step (or still rendering), the batch started 200 s ago.
    /// </summary>
    private async Task<BatchView> RunningBatchAsync(bool blockedAtRender = true)
    {
        var batch = await CreateBatchAsync(6, "Blocked at the end");
        var processes = await ProcessesOfAsync(batch);
        foreach (var process in processes.Take(4))
        {
            await Db.SetStatusAsync(process.ProcessId, "COMPLETED", "StatementRender");
        }

        await Db.SetStatusAsync(processes[4].ProcessId, "WAITING_FOR_TSQ", "StatementQuery", "TIMEOUT", "No reply after 3 sends");
        await Db.SetStatusAsync(processes[5].ProcessId, blockedAtRender ? "WAITING_FOR_TSQ" : "WAITING_FOR_REPLY", "StatementRender",
            blockedAtRender ? "PermanentStepException" : null, blockedAtRender ? "Renderer crashed" : null);
        await Service.Services.GetRequiredService<BatchOwner>().RecountAsync(batch.BatchId, CancellationToken.None);
        // What the batch owner would have sampled had it watched the batch run: 2 finished 30 s ago, 4 15 s ago.
        await Db.ExecuteAsync(
            """
            UPDATE commandbus.batch SET started_at = now() - interval '200 seconds' WHERE batch_id = @batch;
            DELETE FROM commandbus.batch_throughput WHERE batch_id = @batch;
            INSERT INTO commandbus.batch_throughput (batch_id, interval_at, sampled_at, finished)
            SELECT @batch, date_bin('5 seconds', t, timestamptz '2000-01-01 00:00:00+00'), t, n
            FROM (VALUES (now() - interval '30 seconds', 2), (now() - interval '15 seconds', 4)) AS s(t, n)
            """,
            ("batch", batch.BatchId));
        return batch;
    }

    private static async Task ExpectStepAsync(ILocator breakdown, string step, string status, string count, string tone)
    {
        var row = breakdown.Locator($"tr[data-step='{step}']");
        await Expect(row.Locator($"li[data-status={status}] [data-count]")).ToHaveTextAsync(count);
        await Expect(row.Locator($".segments span[data-status={status}]")).ToHaveAttributeAsync("data-tone", tone);
    }

    private async Task<List<string>> AxeViolationsAsync() =>
        (await Page.RunAxe()).Violations.Select(v => $"{v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
}
