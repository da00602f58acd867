using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProcessBatching.Integration.Tests.Schema;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence.Sagas;
using ProcessBatching.Service.Hosting;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_service_prepares_its_statements(IntegrationFixture fixture)
{
    [Fact]
    public void Should_prepare_them_unless_the_connection_string_says_otherwise()
    {
        using var prepared = ProcessBatchingDataSource.Create(fixture.ConnectionString);
        using var unprepared = ProcessBatchingDataSource.Create(fixture.ConnectionString + ";max auto prepare=0");

        new NpgsqlConnectionStringBuilder(prepared.ConnectionString).MaxAutoPrepare.ShouldBe(ProcessBatchingDataSource.MaxAutoPrepare);
        new NpgsqlConnectionStringBuilder(unprepared.ConnectionString).MaxAutoPrepare.ShouldBe(0);
    }

    [Fact]
    public void Should_keep_a_pooled_connections_session_unless_the_connection_string_says_otherwise()
    {
        using var kept = ProcessBatchingDataSource.Create(fixture.ConnectionString);
        using var reset = ProcessBatchingDataSource.Create(fixture.ConnectionString + ";no reset on close=false");

        new NpgsqlConnectionStringBuilder(kept.ConnectionString).NoResetOnClose.ShouldBeTrue();
        new NpgsqlConnectionStringBuilder(reset.ConnectionString).NoResetOnClose.ShouldBeFalse();
    }

    [Fact]
    public async Task Should_roll_back_a_transaction_left_open_when_its_connection_went_back_to_the_pool()
    {
        await TestProcessDbContext.CreateTableAsync(fixture.ConnectionString);
        await using var dataSource = ProcessBatchingDataSource.Create(fixture.ConnectionString + ";Maximum Pool Size=1");
        var lockKey = Random.Shared.NextInt64();
        int backend;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            backend = connection.ProcessID;
            await connection.ExecuteAsync("BEGIN");
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", ("key", lockKey));
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS persistence_specs.left_open (id int)");
        }

        await using var reopened = await dataSource.OpenConnectionAsync();
        reopened.ProcessID.ShouldBe(backend, "the same pooled session, not reset");
        (await reopened.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = @id", backend)).ShouldBe(0L);
        (await reopened.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'persistence_specs' AND tablename = @id", "left_open")).ShouldBe(0L);
    }

    [Fact]
    public async Task Should_lock_a_saga_row_with_a_prepared_statement_after_a_column_was_added()
    {
        await TestProcessDbContext.CreateTableAsync(fixture.ConnectionString);
        await using var dataSource = ProcessBatchingDataSource.Create(fixture.ConnectionString + ";Auto Prepare Min Usages=1");
        await using var db = new TestProcessDbContext(new DbContextOptionsBuilder<TestProcessDbContext>().UseNpgsql(dataSource).Options);
        var processId = Guid.NewGuid();
        db.Processes.Add(new TestProcessState { CorrelationId = processId, CurrentState = "Running", StepsDone = 1, Received = 1 });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await using var transaction = await db.Database.BeginTransactionAsync();
        (await SagaRowLock<TestProcessState>.Lock(db, processId, CancellationToken.None)).ShouldNotBeNull();
        db.ChangeTracker.Clear();
        var preparedLocks = await db.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%test_process%FOR UPDATE%' AND statement NOT LIKE '%pg_prepared_statements%'")
            .SingleAsync();
        preparedLocks.ShouldBe(1, "the row lock is prepared on this connection");

        // What a newer replica's migration does while this one runs (rolled back with the transaction).
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE persistence_specs.test_process ADD COLUMN added_later int");
        var row = await SagaRowLock<TestProcessState>.Lock(db, processId, CancellationToken.None);

        row.ShouldNotBeNull().StepsDone.ShouldBe(1, "a prepared SELECT * would fail here: cached plan must not change result type");
        await transaction.RollbackAsync();
    }
}
