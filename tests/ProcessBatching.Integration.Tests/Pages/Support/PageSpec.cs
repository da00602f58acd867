using Microsoft.Playwright;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>
/// Base of the page specs: empty tables, a fresh browser page per test, and the fixture's
/// ways to make batches (through the service, as the API does) and to move processes (SQL,
/// standing in for the sagas until they run here).
/// </summary>
public abstract class PageSpec(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture { get; } = fixture;

    protected IPage Page { get; private set; } = null!;

    protected NpgsqlConnection Db { get; private set; } = null!;

    protected List<string> Dialogs { get; } = [];

    public async Task InitializeAsync()
    {
        await Fixture.Database.ResetAsync();
        Db = await Fixture.Database.OpenConnectionAsync();
        Page = await Fixture.NewPageAsync();
        Page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
    }

    public async Task DisposeAsync()
    {
        await Page.Context.CloseAsync();
        await Db.DisposeAsync();
    }

    protected async Task<BatchView> CreateBatchAsync(int count, string? name = null)
    {
        var (batch, _) = await Fixture.Batches.CreateAsync(
            new StartProcessBatch(null, name, count, null, null, null, null), CancellationToken.None);
        return batch;
    }

    protected Task<IReadOnlyList<ProcessSummary>> ProcessesOfAsync(BatchView batch) =>
        Fixture.Batches.FirstProcessesAsync(batch, batch.TotalCount, CancellationToken.None);

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
