using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Schema;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_process_batches_exist(BrowserFixture fixture) : PageSpec(fixture)
{
    // Batches finished by SQL, and many batches that need not run; nothing but the API runs.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_list_only_process_batches_with_their_progress_and_filter_them_by_status()
    {
        await CreateBatchAsync(4, "April statements");
        var finished = await CreateBatchAsync(2, "Finished run");
        await Db.CompleteAllAsync(finished.BatchId);
        await Db.RefreshBatchStatsAsync(finished.BatchId);
        await Db.InsertBatchAsync("COMMAND", totalCount: 3);

        await Page.GotoAsync("/process-batches");

        var rows = Page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var finishedRow = rows.Filter(new() { HasText = "Finished run" });
        await Expect(finishedRow.Locator(".badge")).ToHaveTextAsync("COMPLETED");
        await Expect(finishedRow).ToContainTextAsync("100.0%");
        await Expect(finishedRow.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "2");
        await Expect(rows.Filter(new() { HasText = "April statements" }).Locator(".badge")).ToHaveTextAsync("PENDING");
        await Expect(Page.GetByText("spec", new() { Exact = true })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(Page, "process-batches");

        await Page.GetByLabel("Status").SelectOptionAsync("COMPLETED");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("status=COMPLETED"));
        await Expect(rows).ToHaveCountAsync(1);
        await rows.GetByRole(AriaRole.Link, new() { Name = "Finished run" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/process-batches/{finished.BatchId}$"));
    }

    [Fact]
    public async Task Should_page_through_many_batches()
    {
        for (var i = 0; i < 21; i++)
        {
            await CreateBatchAsync(1, $"Batch {i:00}");
        }

        await Page.GotoAsync("/process-batches");
        await Expect(Page.Locator("table tbody tr")).ToHaveCountAsync(20);
        await Expect(Page.GetByText("Page 1 of 2")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();

        await Expect(Page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.GetByText("Page 2 of 2")).ToBeVisibleAsync();
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_there_are_no_batches(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_say_so_from_the_home_page_and_offer_to_start_one()
    {
        await Page.GotoAsync("/");

        await Expect(Page).ToHaveURLAsync(new Regex("/process-batches$"));
        await Expect(Page.GetByText("No process batches yet.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Start a batch" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New process batch");
    }
}
