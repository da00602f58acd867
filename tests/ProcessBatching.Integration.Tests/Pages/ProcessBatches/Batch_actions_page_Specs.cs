using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_an_operator_acts_on_a_batch_from_its_page(BrowserFixture fixture) : PageSpec(fixture)
{
    private static readonly ProcessBehavior SlowQuery =
        ProcessBehavior.None with { Query = StepBehavior.None with { MinDurationMs = 3_000, MaxDurationMs = 3_000 } };

    // One process of a batch at a time, so a paused batch keeps processes waiting to start.
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ProcessBatches:MaxInFlightPerBatch"] = "1",
        ["ProcessBatches:DispatchChunkSize"] = "1",
    };

    [Fact]
    public async Task Should_retry_every_blocked_process_with_one_click_and_finish_the_batch()
    {
        var batch = await CreateBatchAsync(3, "Blocked at the render", ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } });
        await Page.GotoAsync($"/process-batches/{batch.BatchId}");
        await Expect(Page.Locator("[data-field=blocked]")).ToHaveTextAsync("3", WhileProcessesRun);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Rerun failed" })).ToHaveCountAsync(0);

        await Page.GetByLabel("Blocked at", new() { Exact = true }).SelectOptionAsync("StatementRender");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry blocked" }).ClickAsync();

        await Expect(Page.Locator("[data-notice]")).ToHaveTextAsync("Retry of 3 blocked processes at StatementRender requested.");
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("COMPLETED", WhileProcessesRun);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry blocked" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-operator-actions] li")).ToHaveTextAsync([new Regex("^RETRY_BLOCKED by anonymous")]);
    }

    [Fact]
    public async Task Should_pause_resume_cancel_and_rerun_the_canceled_processes()
    {
        var batch = await CreateBatchAsync(4, "Steered", SlowQuery);
        await Page.GotoAsync($"/process-batches/{batch.BatchId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(Page.Locator("[data-notice]")).ToContainTextAsync("Batch paused");
        await Expect(Page.Locator("[data-field=paused]")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
        var violations = (await Page.RunAxe()).Violations.Select(v => $"{v.Id} ({v.Impact}) {v.Help}").ToList();
        await BrowserFixture.ScreenshotAsync(Page, "process-batch-paused");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(Page.Locator("[data-field=paused]")).ToBeHiddenAsync();

        await Page.GetByText("Cancel batch…").ClickAsync();
        violations.AddRange((await Page.RunAxe()).Violations.Select(v => $"confirm: {v.Id} ({v.Impact}) {v.Help}"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the batch" }).ClickAsync();

        await Expect(Page.Locator("[data-notice]")).ToContainTextAsync("Cancel requested");
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("CANCELED", WhileProcessesRun);
        var failed = await Page.Locator("[data-field=failed]").TextContentAsync();
        int.Parse(failed!).ShouldBeGreaterThan(0, "the processes still pending when it was canceled");
        await Expect(Page.Locator("[data-operator-actions] li")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(Page, "process-batch-canceled");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Rerun failed" }).ClickAsync();

        await Expect(Page).Not.ToHaveURLAsync(new Regex($"{batch.BatchId}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rerun of Steered");
        await Expect(Page.Locator("[data-parent-batch] a")).ToHaveAttributeAsync("href", $"/process-batches/{batch.BatchId}");
        await Expect(Page.Locator("[data-field=total]")).ToHaveTextAsync(failed!);
        violations.AddRange((await Page.RunAxe()).Violations.Select(v => $"rerun: {v.Id} ({v.Impact}) {v.Help}"));
        await Page.GotoAsync("/process-batches");
        await Expect(Page.Locator("table tbody tr").Filter(new() { HasText = "Rerun of Steered" }).Locator("[data-parent-batch] a"))
            .ToHaveAttributeAsync("href", $"/process-batches/{batch.BatchId}");
        violations.ShouldBeEmpty(string.Join(Environment.NewLine, violations));
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_viewer_looks_at_a_batch(BrowserFixture fixture) : PageSpec(fixture)
{
    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    [Fact]
    public async Task Should_show_no_button_to_act_on_it()
    {
        var batch = await CreateBatchAsync(2, "Viewed", ProcessBehavior.None with { Query = StepBehavior.None with { FailPermanentPct = 100 } });
        foreach (var process in await ProcessesOfAsync(batch))
        {
            await WaitForStatusAsync(process.ProcessId, "WAITING_FOR_TSQ");
        }

        await Page.GotoAsync($"/process-batches/{batch.BatchId}");
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Token", Exact = true }).FillAsync(TestTokens.For("vera", "Vera Viewer", ["viewer"]));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page.Locator("[data-field=blocked]")).ToHaveTextAsync("2", WhileProcessesRun);
        await Expect(Page.GetByText("An operator (the operator role) can retry the blocked processes")).ToBeVisibleAsync();
        foreach (var button in new[] { "Retry blocked", "Pause", "Resume", "Rerun failed" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = button })).ToHaveCountAsync(0);
        }

        await Expect(Page.GetByText("Cancel batch…")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Should_follow_the_batch_live_once_signed_in()
    {
        var batch = await CreateBatchAsync(2, "Followed", ProcessBehavior.None with { Query = StepBehavior.None with { MinDurationMs = 2_000, MaxDurationMs = 2_000 } });
        await Page.GotoAsync($"/process-batches/{batch.BatchId}");
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Token", Exact = true }).FillAsync(TestTokens.For("vera", "Vera Viewer", ["viewer"]));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The page reads the batch with its session: the API itself takes bearer tokens only.
        await Expect(Page.Locator("[data-field=status]")).ToHaveTextAsync("COMPLETED", WhileProcessesRun);
        await Expect(Page.Locator("[data-field=completed]")).ToHaveTextAsync("2");
        await Expect(Page.Locator("#refresh-note")).ToHaveTextAsync("The batch has finished; auto-refresh stopped.");
    }
}
