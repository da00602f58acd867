using Deque.AxeCore.Playwright;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;

namespace ProcessBatching.Integration.Tests.Pages;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_pages_are_checked_for_accessibility(BrowserFixture fixture) : PageSpec(fixture)
{
    [Fact]
    public async Task Should_have_no_axe_violations_on_any_page()
    {
        // Processes that wait in the troubleshooting queue show every part of the pages: error, actions, audit trail.
        var batch = await CreateBatchAsync(3, "Accessible batch", ProcessBehavior.None with { Render = StepBehavior.None with { FailPermanentPct = 100 } });
        var processId = (await ProcessesOfAsync(batch))[0].ProcessId;
        await WaitForStatusAsync(processId, "WAITING_FOR_TSQ");
        string[] paths =
        [
            "/process-batches", $"/process-batches/{batch.BatchId}", $"/processes/{processId}",
            "/process-batches/new", $"/process-batches/{Guid.NewGuid()}", "/troubleshooting",
        ];

        var violations = new List<string>();
        foreach (var path in paths)
        {
            await Page.GotoAsync(path);
            var result = await Page.RunAxe();
            violations.AddRange(result.Violations.Select(v =>
                $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
        }

        // The form with errors shown is a page of its own.
        await Page.GotoAsync("/process-batches/new");
        await Page.GetByLabel("Number of processes").FillAsync("0");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();
        await Expect(Page.Locator("#Form_Count-error")).Not.ToBeEmptyAsync();
        violations.AddRange((await Page.RunAxe()).Violations.Select(v => $"form with errors: {v.Id} ({v.Impact}) {v.Help}"));

        violations.ShouldBeEmpty(string.Join(Environment.NewLine, violations));
    }
}
