using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessBatching.Integration.Tests.Pages.Support;

namespace ProcessBatching.Integration.Tests.Pages.ProcessBatches;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_batch_is_named_like_a_script(BrowserFixture fixture) : PageSpec(fixture)
{
    private const string ScriptName = "<script>alert(1)</script>";

    [Fact]
    public async Task Should_show_the_name_as_text_and_run_nothing()
    {
        await Page.GotoAsync("/process-batches/new");
        await Page.GetByLabel("Number of processes").FillAsync("1");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(ScriptName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/process-batches/[0-9a-f-]{36}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(ScriptName);
        await Page.GotoAsync("/process-batches");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = ScriptName })).ToBeVisibleAsync();

        (await Page.ContentAsync()).ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        (await Page.Locator("script").AllInnerTextsAsync()).ShouldNotContain(s => s.Contains("alert(1)"));
        Dialogs.ShouldBeEmpty();
    }
}
