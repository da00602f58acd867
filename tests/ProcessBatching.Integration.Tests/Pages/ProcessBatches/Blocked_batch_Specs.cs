using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessBatching.Integration.Tests.Pages.Support;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_processes_of_a_batch_wait_in_the_troubleshooting_queue(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_finish_the_batch_once_the_operator_retries_each_of_them()
    {
        await Page.GotoAsync("/process-batches/new");
        await Page.GetByLabel("Number of processes").FillAsync("2");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Blocked batch");
        await Page.GetByText("Per-step behaviour").ClickAsync();
        await Page.Locator("#Form_Render_FailPermanentPct").FillAsync("100");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/process-batches/[0-9a-f-]{36}$"));
        var batchPage = Page.Url;
        await Expect(Page.Locator("[data-field=blocked]")).ToHaveTextAsync("2", WhileProcessesRun);
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("IN_PROGRESS");
        await Expect(Page.Locator("[data-field=summary]")).ToHaveTextAsync("0 of 2 finished (0.0%)");

        await RetryAWaitingProcessAsync(screenshots: true);
        await Page.GotoAsync(batchPage);
        await Expect(Page.Locator("[data-field=completed]")).ToHaveTextAsync("1", WhileProcessesRun);
        await Expect(Page.Locator("[data-field=blocked]")).ToHaveTextAsync("1");
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("IN_PROGRESS");

        await RetryAWaitingProcessAsync(screenshots: false);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Batch ") }).ClickAsync();

        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("COMPLETED", WhileProcessesRun);
        await Expect(Page.Locator("[data-field=completed]")).ToHaveTextAsync("2");
        await Expect(Page.Locator("[data-field=blocked]")).ToHaveTextAsync("0");
        await Expect(Page.Locator("#process-table tbody [data-status=COMPLETED]")).ToHaveCountAsync(2);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Process batches", Exact = true }).First.ClickAsync();
        var row = Page.Locator("table tbody tr").Filter(new() { HasText = "Blocked batch" });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("COMPLETED");
        await Expect(row).ToContainTextAsync("100.0%");
        await BrowserFixture.ScreenshotAsync(Page, "process-batches-finished");
    }

    /// <summary>From the batch page: filters the waiting processes, opens the first, retries it and watches it complete.</summary>
    private async Task RetryAWaitingProcessAsync(bool screenshots)
    {
        await Page.GetByLabel("Status").SelectOptionAsync("WAITING_FOR_TSQ");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("status=WAITING_FOR_TSQ"));
        var rows = Page.Locator("#process-table tbody tr");
        await Expect(rows.First.Locator(".badge")).ToHaveTextAsync("WAITING_FOR_TSQ");
        if (screenshots)
        {
            await Expect(rows).ToHaveCountAsync(2);
            await BrowserFixture.ScreenshotAsync(Page, "process-batch-blocked");
        }

        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("WAITING_FOR_TSQ");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Retry of the failed step requested");
        await Page.EvaluateAsync("() => window.sameDocument = true");
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("COMPLETED", WhileProcessesRun);
        var steps = Page.Locator(".timeline-item");
        await Expect(steps.Locator("h3")).ToHaveTextAsync(
            ["StatementQuery", "StatementDataAggregation", "StatementRender", "RetryStep requested by anonymous (no authentication)", "StatementRender"]);
        await Expect(steps.Locator(".badge")).ToHaveTextAsync(["SUCCESS", "SUCCESS", "CANCELED", "OPERATOR_REQUEST", "SUCCESS"]);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" })).ToHaveCountAsync(0);
        (await Page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue("the process page was reloaded");
        if (screenshots)
        {
            await BrowserFixture.ScreenshotAsync(Page, "process-retried");
        }
    }
}
