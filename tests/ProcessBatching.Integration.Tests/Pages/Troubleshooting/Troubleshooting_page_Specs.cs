using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.Troubleshooting;

/// <summary>
/// README: the troubleshooting page lists the processes waiting in the troubleshooting queue across
/// batches, filterable by batch, step and error code, and an operator retries, completes or cancels a
/// selection of them.
/// </summary>
[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_processes_of_two_batches_wait_in_the_troubleshooting_queue(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_list_and_filter_them_and_move_a_retried_selection_on()
    {
        var renders = await CreateBatchAsync(3, "Render breaks", ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } });
        var queries = await CreateBatchAsync(2, "Query breaks", ProcessBehavior.None with { Query = StepBehavior.None with { FailPermanentPct = 100 } });
        var rendering = (await ProcessesOfAsync(renders)).Select(p => p.ProcessId).ToList();
        var querying = (await ProcessesOfAsync(queries)).Select(p => p.ProcessId).ToList();
        foreach (var processId in rendering.Concat(querying))
        {
            await WaitForStatusAsync(processId, "WAITING_FOR_TSQ");
        }

        await Page.GotoAsync("/process-batches");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Troubleshooting" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/troubleshooting$"));
        var rows = Page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(Page.Locator("[data-field=waiting-count]")).ToHaveTextAsync("(5)");
        await BrowserFixture.ScreenshotAsync(Page, "troubleshooting");
        (await AxeViolationsAsync()).ShouldBeEmpty();

        await Page.GetByLabel("Batch", new() { Exact = true }).SelectOptionAsync(queries.BatchId.ToString());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"batch={queries.BatchId}"));
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "StatementQuery" })).ToHaveCountAsync(2);

        await Page.GotoAsync("/troubleshooting");
        await Page.GetByLabel("Step", new() { Exact = true }).SelectOptionAsync("StatementRender");
        await Page.GetByLabel("Error code", new() { Exact = true }).SelectOptionAsync("PermanentStepException");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("step=StatementRender&error_code=PermanentStepException"));
        await Expect(rows).ToHaveCountAsync(3);
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.process)")).Order().ShouldBe(rendering.Select(id => id.ToString()).Order());

        var retried = rendering.Take(2).ToList();
        foreach (var processId in retried)
        {
            await Page.GetByLabel($"Select process {processId}").CheckAsync();
        }

        await Expect(Page.Locator("[data-selected-count]")).ToHaveTextAsync("2 selected");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry selected" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Retry of the failed step requested for 2 processes.");
        await Expect(Page).ToHaveURLAsync(new Regex("step=StatementRender&error_code=PermanentStepException"));
        // README: a retried step runs without its failure chances.
        foreach (var processId in retried)
        {
            await WaitForStatusAsync(processId, "COMPLETED");
        }

        await WaitForStatusAsync(rendering[2], "WAITING_FOR_TSQ");
        await Page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-process", rendering[2].ToString());
        await Page.GotoAsync($"/processes/{retried[0]}");
        await Expect(Page.Locator(".timeline-item h3").Filter(new() { HasText = "requested by" }))
            .ToHaveTextAsync("RetryStep requested by anonymous (no authentication)");
    }

    [Fact]
    public async Task Should_select_every_process_of_the_page_at_once_and_say_when_nothing_was_selected()
    {
        var batch = await CreateBatchAsync(2, "Select them all", ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } });
        var processes = (await ProcessesOfAsync(batch)).Select(p => p.ProcessId).ToList();
        foreach (var processId in processes)
        {
            await WaitForStatusAsync(processId, "WAITING_FOR_TSQ");
        }

        await Page.GotoAsync("/troubleshooting");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel selected" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Select the processes to act on first; nothing was done.");

        await Page.GetByLabel("Select all on this page").CheckAsync();
        await Expect(Page.Locator("[data-selected-count]")).ToHaveTextAsync("2 selected");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel selected" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Cancellation (with compensation) requested for 2 processes.");
        // README: cancel compensates the completed steps: COMPENSATED.
        foreach (var processId in processes)
        {
            await WaitForStatusAsync(processId, "COMPENSATED");
        }

        await Page.ReloadAsync();
        await Expect(Page.GetByText("No process waits in the troubleshooting queue.")).ToBeVisibleAsync();
    }

    private async Task<List<string>> AxeViolationsAsync() =>
        (await Page.RunAxe()).Violations.Select(v => $"{v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_viewer_opens_the_troubleshooting_page(BrowserFixture fixture) : PageSpec(fixture)
{
    // The API alone: the spec puts the processes in the troubleshooting queue itself.
    protected override string? Roles => "api";

    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    [Fact]
    public async Task Should_list_the_waiting_processes_without_a_way_to_act_on_them()
    {
        var batch = await CreateBatchAsync(2, "Watched");
        var processes = await ProcessesOfAsync(batch);
        await Db.SetStatusAsync(processes[0].ProcessId, "WAITING_FOR_TSQ", "StatementRender", "PermanentStepException", "Renderer crashed");

        await Page.GotoAsync("/troubleshooting");
        await Expect(Page).ToHaveURLAsync(new Regex("/sign-in"));
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Token", Exact = true }).FillAsync(TestTokens.For("vera", "Vera Viewer", ["viewer"]));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/troubleshooting$"));
        var rows = Page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("PermanentStepException");
        await Expect(Page.GetByText("An operator (the operator role) decides what happens to them.")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(0);
        foreach (var button in new[] { "Retry selected", "Complete selected", "Cancel selected" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = button })).ToHaveCountAsync(0);
        }

        (await Page.RunAxe()).Violations.Select(v => $"{v.Id} ({v.Impact}) {v.Help}").ShouldBeEmpty();
        await BrowserFixture.ScreenshotAsync(Page, "troubleshooting-as-viewer");
    }
}
