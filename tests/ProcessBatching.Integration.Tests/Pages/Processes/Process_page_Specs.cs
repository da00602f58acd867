using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;

namespace ProcessBatching.Integration.Tests.Pages.Processes;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_step_of_a_process_fails_for_good(BrowserFixture fixture) : PageSpec(fixture)
{
    private static readonly ProcessBehavior RenderFailsForGood =
        ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } };

    [Fact]
    public async Task Should_show_it_waiting_in_the_troubleshooting_queue_with_its_error_audit_trail_and_actions()
    {
        var processId = await WaitingProcessAsync();

        await Page.GotoAsync($"/processes/{processId}");

        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("WAITING_FOR_TSQ");
        var error = Page.GetByRole(AriaRole.Region, new() { Name = "Error" });
        await Expect(error).ToContainTextAsync("PermanentStepException");
        await Expect(error).ToContainTextAsync("StatementRender failed permanently (simulated)");
        var steps = Page.Locator(".timeline-item");
        await Expect(steps.Locator("h3")).ToHaveTextAsync(["StatementQuery", "StatementDataAggregation", "StatementRender"]);
        await Expect(steps.Locator(".badge")).ToHaveTextAsync(["SUCCESS", "SUCCESS", "IN_TROUBLESHOOTING_QUEUE"]);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Complete step" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Cancel process" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Process state as JSON")).ToContainTextAsync("\"output_type\": \"pdf\"");
        await BrowserFixture.ScreenshotAsync(Page, "process-waiting-for-tsq");
    }

    [Fact]
    public async Task Should_undo_its_completed_steps_when_the_operator_cancels_it()
    {
        var processId = await WaitingProcessAsync();
        await Page.GotoAsync($"/processes/{processId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel process" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancellation (with compensation) requested");
        await Page.EvaluateAsync("() => window.sameDocument = true");
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("COMPENSATED", WhileProcessesRun);
        var steps = Page.Locator(".timeline-item");
        await Expect(steps.Locator("h3")).ToHaveTextAsync(
            ["StatementQuery", "StatementDataAggregation", "StatementRender", "CancelProcess requested by anonymous (no authentication)",
                "Compensate StatementDataAggregation", "Compensate StatementQuery"]);
        await Expect(steps.Locator(".badge")).ToHaveTextAsync(["SUCCESS", "SUCCESS", "CANCELED", "OPERATOR_REQUEST", "SUCCESS", "SUCCESS"]);
        // The page polls only if it loaded before the process settled (compensation can finish within the
        // redirect); polling, it says so once it stops.
        await Expect(Page.Locator("[data-live-note]")).ToHaveTextAsync(new Regex(@"^(The process has finished; auto-refresh stopped\.)?$"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Cancel process" })).ToHaveCountAsync(0);
        (await Page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue("the page was reloaded");
        await BrowserFixture.ScreenshotAsync(Page, "process-compensated");
    }

    private async Task<Guid> WaitingProcessAsync()
    {
        var batch = await CreateBatchAsync(1, "Troubled batch", RenderFailsForGood);
        var processId = (await ProcessesOfAsync(batch))[0].ProcessId;
        await WaitForStatusAsync(processId, "WAITING_FOR_TSQ");
        return processId;
    }
}

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_page_is_asked_for_a_process_that_does_not_exist(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_say_so_with_not_found()
    {
        var response = await Page.GotoAsync($"/processes/{Guid.NewGuid()}");

        response!.Status.ShouldBe(404);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Process not found");
    }
}
