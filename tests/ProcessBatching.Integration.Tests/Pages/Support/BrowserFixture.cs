using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>
/// One per page collection: its own database and vhost (an <see cref="IntegrationFixture"/>), the
/// service listening on a loopback port, and Debian's Chromium driven by Playwright
/// (<c>playwright install</c> cannot download here, so the browser is the system's).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IntegrationFixture Database { get; } = new();

    public LiveService Service { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>PAGES_SCREENSHOTS</c>, else TestResults/screenshots next to the test assembly.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("PAGES_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public ProcessBatchService Batches => Service.Services.GetRequiredService<ProcessBatchService>();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (deploy/test.sh does).");
        }

        await Database.InitializeAsync();
        Service = new LiveService(Database.ServiceConfiguration());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Service.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Pages";
}
