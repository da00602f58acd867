using Microsoft.Playwright;
using ProcessBatching.Integration.Tests.Pages.Support;

namespace ProcessBatching.Integration.Tests.Pages.Processes;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_waits_in_the_troubleshooting_queue(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_show_its_state_error_and_audit_trail_in_the_order_the_steps_were_sent()
    {
        var processId = await WaitingProcessAsync();

        await Page.GotoAsync($"/processes/{processId}");

        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("WAITING_FOR_TSQ");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Error" })).ToContainTextAsync("Aggregation store unavailable");
        var steps = Page.Locator(".timeline-item");
        await Expect(steps).ToHaveCountAsync(2);
        await Expect(steps.Nth(0).Locator("h3")).ToHaveTextAsync("StatementQuery");
        await Expect(steps.Nth(0).Locator(".badge")).ToHaveTextAsync("SUCCESS");
        await Expect(steps.Nth(1).Locator("h3")).ToHaveTextAsync("StatementDataAggregation");
        await Expect(steps.Nth(1).Locator(".badge")).ToHaveTextAsync("FAILED");
        await Expect(Page.GetByLabel("Process state as JSON")).ToContainTextAsync("\"output_type\": \"pdf\"");
        await BrowserFixture.ScreenshotAsync(Page, "process-waiting-for-tsq");
    }

    [Fact]
    public async Task Should_hand_the_operators_retry_to_the_process()
    {
        var processId = await WaitingProcessAsync();
        await Page.GotoAsync($"/processes/{processId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Retry of the failed step requested");
        Fixture.Service.Operator.Requests.ShouldContain(("retry", processId));
    }

    [Fact]
    public async Task Should_offer_no_actions_once_the_process_has_moved_on()
    {
        var processId = await WaitingProcessAsync();
        await Db.SetStatusAsync(processId, "COMPLETED", "StatementRender");

        await Page.GotoAsync($"/processes/{processId}");

        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("COMPLETED");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Cancel process" })).ToHaveCountAsync(0);
    }

    private async Task<Guid> WaitingProcessAsync()
    {
        var batch = await CreateBatchAsync(1, "Troubled batch");
        var processId = (await ProcessesOfAsync(batch))[0].ProcessId;
        var sent = DateTimeOffset.UtcNow.AddMinutes(-2);
        await Db.AddAuditAsync(processId, "StatementDataAggregation", "StatementDataAggregation", sent.AddSeconds(3), "FAILED", """{"error_code": "AGG_DOWN"}""");
        await Db.AddAuditAsync(processId, "StatementQuery", "StatementQuery", sent, "SUCCESS", """{"result_path": "/tmp/q.json"}""");
        await Db.SetStatusAsync(processId, "WAITING_FOR_TSQ", "StatementDataAggregation", "AGG_DOWN", "Aggregation store unavailable");
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
