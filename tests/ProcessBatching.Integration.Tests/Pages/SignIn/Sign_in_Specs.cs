using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.SignIn;

/// <summary>
/// With a signing key, a person signs in to the pages with their token and sees only the buttons
/// their role may use; an operator's request then names them in the audit trail.
/// </summary>
[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_people_sign_in_with_their_roles(BrowserFixture fixture) : PageSpec(fixture)
{
    private static readonly ProcessBehavior RenderFailsForGood =
        ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } };

    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    [Fact]
    public async Task Should_show_a_viewer_no_button_to_start_a_batch_or_act_on_a_process()
    {
        var processId = await WaitingProcessAsync();

        await Page.GotoAsync($"/processes/{processId}");
        await Expect(Page).ToHaveURLAsync(new Regex("/sign-in"));
        await SignInAsync(TestTokens.For("vera", "Vera Viewer", ["viewer"]));

        await Expect(Page).ToHaveURLAsync(new Regex($"/processes/{processId}$"));
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("WAITING_FOR_TSQ");
        await Expect(Page.Locator("nav [data-signed-in-as]")).ToHaveTextAsync("Vera Viewer");
        await Expect(Page.GetByText("An operator (the operator role) decides what happens to it.")).ToBeVisibleAsync();
        foreach (var button in new[] { "Retry step", "Complete step", "Cancel process" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = button })).ToHaveCountAsync(0);
        }

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New batch" })).ToHaveCountAsync(0);
        await Page.GotoAsync("/process-batches/new");
        await Expect(Page.GetByText("Starting batches needs the submitter role")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(Page, "new-batch-as-viewer");
    }

    [Fact]
    public async Task Should_let_a_submitter_start_a_batch_but_not_act_on_a_process()
    {
        var processId = await WaitingProcessAsync();
        await Page.GotoAsync("/sign-in");
        await SignInAsync(TestTokens.For("sam", "Sam Submitter", ["submitter"]));

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New batch" }).First).ToBeVisibleAsync();
        await Page.GotoAsync($"/processes/{processId}");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Should_let_an_operator_retry_a_step_and_name_them_in_the_audit_trail()
    {
        var processId = await WaitingProcessAsync();
        await Page.GotoAsync($"/processes/{processId}");
        await SignInAsync(TestTokens.For("olga", "Olga Operator", ["operator"]));

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New batch" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retry step" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Retry of the failed step requested");
        await Expect(Page.Locator(".timeline-item h3").Filter(new() { HasText = "requested by" }))
            .ToHaveTextAsync("RetryStep requested by olga (Olga Operator)");
        await Expect(Page.Locator(".page-header .badge")).ToHaveTextAsync("COMPLETED", WhileProcessesRun);
        await BrowserFixture.ScreenshotAsync(Page, "process-retried-by-operator");
    }

    [Fact]
    public async Task Should_refuse_a_token_signed_with_another_key()
    {
        await Page.GotoAsync("/sign-in");

        await SignInAsync(TestTokens.For("mallory", null, ["operator"], key: new byte[32]));

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The token is not valid here");
        (await Page.RunAxe()).Violations.Select(v => $"{v.Id} ({v.Impact}) {v.Help}").ShouldBeEmpty();
        await BrowserFixture.ScreenshotAsync(Page, "sign-in-refused");
        await Page.GotoAsync("/process-batches");
        await Expect(Page).ToHaveURLAsync(new Regex("/sign-in"));
    }

    private async Task SignInAsync(string token)
    {
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Token", Exact = true }).FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private async Task<Guid> WaitingProcessAsync()
    {
        var batch = await CreateBatchAsync(1, "Troubled batch", RenderFailsForGood);
        var processId = (await ProcessesOfAsync(batch))[0].ProcessId;
        await WaitForStatusAsync(processId, "WAITING_FOR_TSQ");
        return processId;
    }
}
