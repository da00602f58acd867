using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Schema;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_is_started_from_the_form(BrowserFixture fixture) : PageSpec(fixture)
{
    // What the form wrote is read back from the rows as created; nothing but the API runs meanwhile.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_land_on_the_new_batch_page_showing_its_total_and_status()
    {
        await Page.GotoAsync("/process-batches");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "New batch" }).ClickAsync();
        await Page.GetByLabel("Number of processes").FillAsync("7");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("March statements");
        await Page.GetByLabel("Output type").SelectOptionAsync("html");
        await Page.GetByText("Per-step behaviour").ClickAsync();
        await Page.Locator("#Form_Render_MaxDurationMs").FillAsync("50");
        await BrowserFixture.ScreenshotAsync(Page, "new-batch-form");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/process-batches/[0-9a-f-]{36}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("March statements");
        await Expect(Page.Locator("[data-field=total]")).ToHaveTextAsync("7");
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("PENDING");
        await Expect(Page.Locator("#process-table tbody tr")).ToHaveCountAsync(7);
        var batchId = Guid.Parse(Page.Url[^36..]);
        (await Db.LinesAsync($"SELECT DISTINCT state->>'output_type' FROM commandbus.process WHERE batch_id = '{batchId}'")).ShouldBe(["html"]);
        (await Db.LinesAsync($"SELECT DISTINCT state #>> '{{behavior,render,max_duration_ms}}' FROM commandbus.process WHERE batch_id = '{batchId}'")).ShouldBe(["50"]);
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_form_is_sent_with_bad_values(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_show_the_error_next_to_the_count_and_create_nothing()
    {
        await Page.GotoAsync("/process-batches/new");
        await Page.GetByLabel("Number of processes").FillAsync("0");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Expect(Page.Locator("#Form_Count-error")).ToContainTextAsync("count must be between 1 and");
        await Expect(Page.GetByLabel("Number of processes")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was created");
        await Expect(Page).ToHaveURLAsync(new Regex("/process-batches/new$"));
        await BrowserFixture.ScreenshotAsync(Page, "new-batch-form-errors");
        (await CountAsync("batch")).ShouldBe(0);
        (await CountAsync("process")).ShouldBe(0);
    }

    [Fact]
    public async Task Should_show_a_step_error_next_to_its_field_with_the_behaviour_opened()
    {
        await Page.GotoAsync("/process-batches/new");
        await Page.GetByText("Per-step behaviour").ClickAsync();
        await Page.Locator("#Form_Render_FailPermanentPct").FillAsync("150");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Expect(Page.Locator("#Form_Render_FailPermanentPct-error")).ToContainTextAsync("fail_permanent_pct must be between 0 and 100");
        await Expect(Page.Locator("details.behaviour")).ToHaveJSPropertyAsync("open", true);
        await Expect(Page.Locator("#Form_Render_FailPermanentPct")).ToHaveValueAsync("150");
        (await CountAsync("batch")).ShouldBe(0);
    }

    private async Task<long> CountAsync(string table) =>
        long.Parse((await Db.LinesAsync($"SELECT count(*)::text FROM commandbus.{table}"))[0]);
}
