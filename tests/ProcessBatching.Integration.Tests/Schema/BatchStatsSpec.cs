using Npgsql;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

/// <summary>
/// Specs that share the collection's migrated database: each starts from empty tables and gets
/// an open connection.
/// </summary>
public abstract class BatchStatsSpec(IntegrationFixture fixture) : IAsyncLifetime
{
    protected IntegrationFixture Fixture { get; } = fixture;

    protected NpgsqlConnection Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        Db = await Fixture.OpenConnectionAsync();
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
