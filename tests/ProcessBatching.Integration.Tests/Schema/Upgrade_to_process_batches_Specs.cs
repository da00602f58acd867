using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Schema;

/// <summary>
/// A database that has run command batches (schema V004, with rows) is upgraded to V005: its
/// rows survive as command batches and processes outside any batch.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_database_with_command_batches_is_upgraded(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly string _databaseName = IsolatedServices.NewName("pb_upgrade");
    private readonly Guid _batchId = Guid.NewGuid();
    private readonly Guid _processId = Guid.NewGuid();
    private NpgsqlConnection _db = null!;
    private string _versionBefore = "";

    public async Task InitializeAsync()
    {
        var connectionString = await IsolatedServices.CreateDatabaseAsync(fixture.Services, _databaseName);
        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance, targetVersion: "4");
        _db = new NpgsqlConnection(connectionString);
        await _db.OpenAsync();
        await _db.ExecuteAsync(
            "INSERT INTO commandbus.batch (domain, batch_id, total_count) VALUES ('reporting', @batch, 1)", ("batch", _batchId));
        await _db.ExecuteAsync(
            """
            INSERT INTO commandbus.process (domain, process_id, process_type, status, state, created_at, updated_at)
            VALUES ('reporting', @process, 'StatementReport', 'COMPLETED', '{}', now(), now())
            """,
            ("process", _processId));
        _versionBefore = await SchemaVersionAsync();

        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance, targetVersion: "5");
        await _db.ReloadTypesAsync();
    }

    [Fact]
    public async Task Should_upgrade_from_v004_to_v005()
    {
        _versionBefore.ShouldBe("004");
        (await SchemaVersionAsync()).ShouldBe("005");
    }

    [Fact]
    public async Task Should_keep_existing_batches_as_command_batches()
    {
        (await _db.ScalarAsync<string>("SELECT batch_type FROM commandbus.batch WHERE batch_id = @id", _batchId)).ShouldBe("COMMAND");
    }

    [Fact]
    public async Task Should_leave_existing_processes_outside_any_batch()
    {
        (await _db.ScalarAsync<bool>("SELECT batch_id IS NULL FROM commandbus.process WHERE process_id = @id", _processId)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("ix_process_batch_id", "(batch_id) WHERE (batch_id IS NOT NULL)")]
    [InlineData("ix_process_batch_status", "(batch_id, status) WHERE (batch_id IS NOT NULL)")]
    public async Task Should_index_the_processes_of_batches_only(string index, string definitionEnd)
    {
        var definition = await _db.ScalarAsync<string>(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'commandbus' AND tablename = 'process' AND indexname = @id", index);

        definition.ShouldEndWith(definitionEnd);
    }

    [Fact]
    public async Task Should_count_a_large_batch_from_the_status_index()
    {
        var batchId = await _db.InsertBatchAsync("PROCESS", totalCount: 200_000);
        await _db.ExecuteAsync(
            """
            INSERT INTO commandbus.process (domain, process_id, process_type, status, state, created_at, updated_at, batch_id)
            SELECT 'reporting', gen_random_uuid(), 'StatementReport',
                   (ARRAY['PENDING', 'WAITING_FOR_REPLY', 'COMPLETED', 'FAILED'])[1 + i % 4], '{}', now(), now(), @batch
              FROM generate_series(1, 200000) AS i
            """,
            ("batch", batchId));
        // VACUUM sets the visibility map as autovacuum does after a large insert; the index-only scan
        // the refresh relies on is only chosen (and only cheap) on all-visible pages.
        await _db.ExecuteAsync("VACUUM ANALYZE commandbus.process");

        // What the function itself reads, not a copy of its query: the scans of the process table it
        // makes, counted by PostgreSQL per index. This database is the spec's own, so only the call counts.
        var before = await ScansOfProcessAsync();
        await _db.ExecuteAsync($"SELECT * FROM commandbus.sp_refresh_batch_stats('{BatchRows.Domain}', '{batchId}')");
        // A backend reports its counters when it next goes idle; ask it to, then wait (bounded) for them.
        await _db.ExecuteAsync("SELECT pg_stat_force_next_flush()");
        var after = await Eventually.UntilAsync(ScansOfProcessAsync, scans => scans != before, TimeSpan.FromSeconds(10), "the refresh's scans counted");

        (after.StatusIndex - before.StatusIndex).ShouldBeGreaterThan(0, "the refresh read ix_process_batch_status");
        (after.Sequential - before.Sequential).ShouldBe(0, "the refresh read no process row by a sequential scan");
    }

    private async Task<(long StatusIndex, long Sequential)> ScansOfProcessAsync()
    {
        var line = (await _db.LinesAsync(
            """
            SELECT (SELECT idx_scan FROM pg_stat_user_indexes WHERE schemaname = 'commandbus' AND indexrelname = 'ix_process_batch_status')
                   || ' ' || (SELECT seq_scan FROM pg_stat_user_tables WHERE schemaname = 'commandbus' AND relname = 'process')
            """)).Single().Split(' ');
        return (long.Parse(line[0]), long.Parse(line[1]));
    }

    private Task<string> SchemaVersionAsync() =>
        _db.ScalarAsync<string>("SELECT max(version) FROM commandbus.changelog WHERE type = @id", 0);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await IsolatedServices.DropDatabaseAsync(fixture.Services, _databaseName);
    }
}
