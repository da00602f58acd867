using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessBatching.Integration.Tests.Pages.Support;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_started_from_the_form_runs_while_its_page_is_open(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_show_it_completed_without_a_reload_and_open_its_finished_processes()
    {
        await Page.GotoAsync("/process-batches/new");
        await Page.GetByLabel("Number of processes").FillAsync("5");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Live batch");
        // A rendering second or so per process, so the page has a while to follow the batch.
        await Page.GetByText("Per-step behaviour").ClickAsync();
        await Page.Locator("#Form_Render_MinDurationMs").FillAsync("800");
        await Page.Locator("#Form_Render_MaxDurationMs").FillAsync("1500");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/process-batches/[0-9a-f-]{36}$"));
        await Page.EvaluateAsync("() => window.sameDocument = true");
        await Expect(Page.GetByLabel("Auto-refresh")).ToBeCheckedAsync();
        await Expect(Page.Locator("[data-field=total]")).ToHaveTextAsync("5");
        await BrowserFixture.ScreenshotAsync(Page, "process-batch-running");

        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("COMPLETED", WhileProcessesRun);
        await Expect(Page.Locator("[data-field=completed]")).ToHaveTextAsync("5");
        await Expect(Page.Locator("[data-field=summary]")).ToHaveTextAsync("5 of 5 finished (100.0%)");
        await Expect(Page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "5");
        await Expect(Page.Locator("#process-table tbody [data-status=COMPLETED]")).ToHaveCountAsync(5);
        await Expect(Page.GetByLabel("Auto-refresh")).Not.ToBeCheckedAsync();
        await Expect(Page.GetByLabel("Auto-refresh")).ToBeDisabledAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The batch has finished; auto-refresh stopped.");
        (await Page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue("the page was reloaded");
        await BrowserFixture.ScreenshotAsync(Page, "process-batch-completed");

        await Page.GetByLabel("Status").SelectOptionAsync("COMPLETED");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("status=COMPLETED"));
        var rows = Page.Locator("#process-table tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/processes/[0-9a-f-]{36}$"));
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("COMPLETED");
        var steps = Page.Locator(".timeline-item");
        await Expect(steps.Locator("h3")).ToHaveTextAsync(["StatementQuery", "StatementDataAggregation", "StatementRender"]);
        await Expect(steps.Locator(".badge")).ToHaveTextAsync(["SUCCESS", "SUCCESS", "SUCCESS"]);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(Page, "process-completed");
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_auto_refresh_is_switched_off(BrowserFixture fixture) : PageSpec(fixture)
{
    // Processes are moved by SQL here, to finish while the page is not looking; nothing but the API runs (no dispatcher, no saga).
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_keep_the_page_as_it_was_until_reloaded()
    {
        var batch = await CreateBatchAsync(2, "Quiet batch");
        // The page's timers run on a clock the spec moves, so "it did not poll" is checked after the
        // polls it would have made, not after a guess at how long they take.
        await Page.Clock.InstallAsync();
        await Page.GotoAsync($"/process-batches/{batch.BatchId}");
        await Page.GetByLabel("Auto-refresh").UncheckAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Auto-refresh is off.");
        var polls = 0;
        Page.Request += (_, request) =>
        {
            if (request.Url.Contains($"/api/process-batches/{batch.BatchId}", StringComparison.Ordinal))
                Interlocked.Increment(ref polls);
        };

        await Db.CompleteAllAsync(batch.BatchId);
        // README: an open batch's page refreshes itself every 1.5 s; this is two of those turns and more.
        await Page.Clock.RunForAsync(3_500);

        polls.ShouldBe(0, "the page asked for the batch with auto-refresh off");
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("PENDING");
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("COMPLETED");
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_has_processes_in_several_states(BrowserFixture fixture) : PageSpec(fixture)
{
    // One process in each of several states at once, set by SQL; nothing but the API runs (no dispatcher, no saga).
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_show_the_counts_filter_processes_by_status_and_open_one()
    {
        var batch = await CreateBatchAsync(6, "Mixed batch");
        var processes = await ProcessesOfAsync(batch);
        await Db.SetStatusAsync(processes[0].ProcessId, "COMPLETED", "StatementRender");
        await Db.SetStatusAsync(processes[1].ProcessId, "FAILED", "StatementDataAggregation", "COMPENSATION_FAILED", "Undo of the query step failed");
        await Db.SetStatusAsync(processes[2].ProcessId, "WAITING_FOR_TSQ", "StatementRender", "RENDER_FAILED", "Renderer crashed");
        await Db.SetStatusAsync(processes[3].ProcessId, "WAITING_FOR_REPLY", "StatementQuery");

        await Page.GotoAsync($"/process-batches/{batch.BatchId}");

        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("IN_PROGRESS");
        await Expect(Page.Locator("[data-field=completed]")).ToHaveTextAsync("1");
        await Expect(Page.Locator("[data-field=failed]")).ToHaveTextAsync("1");
        await Expect(Page.Locator("[data-field=blocked]")).ToHaveTextAsync("1");
        await Expect(Page.Locator("[data-field=running]")).ToHaveTextAsync("3");
        await Expect(Page.Locator("[data-field=total]")).ToHaveTextAsync("6");
        await BrowserFixture.ScreenshotAsync(Page, "process-batch-detail");

        await Page.GetByLabel("Status").SelectOptionAsync("FAILED");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("status=FAILED"));
        var rows = Page.Locator("#process-table tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator(".badge")).ToHaveTextAsync("FAILED");
        await rows.GetByRole(AriaRole.Link, new() { Name = processes[1].ProcessId.ToString() }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/processes/{processes[1].ProcessId}$"));
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("FAILED");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Error" })).ToContainTextAsync("COMPENSATION_FAILED");
        await Page.GetByRole(AriaRole.Link, new() { Name = batch.BatchId.ToString() }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mixed batch");
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_page_is_asked_for_a_batch_that_does_not_exist(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_say_so_with_not_found()
    {
        var batchId = Guid.NewGuid();

        var response = await Page.GotoAsync($"/process-batches/{batchId}");

        response!.Status.ShouldBe(404);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Process batch not found");
        await Expect(Page.GetByText($"There is no process batch with id {batchId}.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Should_answer_a_malformed_id_with_bad_request()
    {
        var response = await Page.GotoAsync("/process-batches/not-a-batch");

        response!.Status.ShouldBe(400);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not a process batch id");
    }
}
