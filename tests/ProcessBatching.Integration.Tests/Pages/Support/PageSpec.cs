using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Schema;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>
/// Base of the page specs: empty tables and queues, the service started for this spec (all roles
/// unless <see cref="Roles"/> says otherwise), and a fresh browser page on it.
/// </summary>
public abstract class PageSpec(BrowserFixture fixture) : IAsyncLifetime
{
    /// <summary>How long a spec waits for processes to move: two shared cores run the service, PostgreSQL and RabbitMQ.</summary>
    protected static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    protected BrowserFixture Fixture { get; } = fixture;

    protected LiveService Service { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected NpgsqlConnection Db { get; private set; } = null!;

    protected List<string> Dialogs { get; } = [];

    /// <summary>
    /// The service's <c>Roles</c>; null runs everything, as deployed. A spec that moves process rows
    /// by SQL runs <c>batches</c> only, so no saga moves them under it.
    /// </summary>
    protected virtual string? Roles => null;

    /// <summary>Settings the spec changes, as configuration keys (<c>Auth:SigningKey</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Expect options for outcomes the running processes bring about.</summary>
    protected static LocatorAssertionsToHaveTextOptions WhileProcessesRun => new() { Timeout = (float)ProcessTimeout.TotalMilliseconds };

    public async Task InitializeAsync()
    {
        await Fixture.Database.ResetAsync();
        Service = await LiveService.StartAsync(Fixture.Database.ServiceConfiguration(Roles).With(Settings));
        Db = await Fixture.Database.OpenConnectionAsync();
        Page = await Fixture.NewPageAsync(Service.BaseAddress);
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
        await Service.DisposeAsync();
    }

    protected async Task<BatchView> CreateBatchAsync(int count, string? name = null, ProcessBehavior? behavior = null)
    {
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>().CreateAsync(
            new StartProcessBatch(null, name, count, null, null, null, behavior), CancellationToken.None);
        return batch;
    }

    protected Task<IReadOnlyList<ProcessSummary>> ProcessesOfAsync(BatchView batch) =>
        Service.Services.GetRequiredService<ProcessBatchService>().FirstProcessesAsync(batch, batch.TotalCount, CancellationToken.None);

    /// <summary>Waits (bounded) until the process has the status, and says so.</summary>
    protected async Task WaitForStatusAsync(Guid processId, string status)
    {
        var seen = await Eventually.UntilAsync(
            async () => (await Db.LinesAsync($"SELECT status FROM commandbus.process WHERE process_id = '{processId}'")).SingleOrDefault(),
            current => current == status,
            ProcessTimeout);
        seen.ShouldBe(status, $"process {processId} within {ProcessTimeout.TotalSeconds} s");
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
