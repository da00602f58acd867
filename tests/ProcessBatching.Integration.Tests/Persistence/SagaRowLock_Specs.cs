using Microsoft.EntityFrameworkCore;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence;
using ProcessBatching.Persistence.Sagas;
using ProcessBatching.Service.Hosting;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_row_is_locked_for_a_message(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_read_every_column_as_EF_Core_reads_it_nulls_included()
    {
        await using var db = fixture.NewDbContext();
        var now = DateTimeOffset.UtcNow;
        var full = new StatementReportState
        {
            CorrelationId = Guid.NewGuid(),
            CurrentState = "WaitingForReply",
            CurrentStep = StatementReportSteps.Query,
            ErrorCode = "E-1",
            ErrorMessage = "no statement",
            CreatedAt = now.AddMinutes(-5),
            UpdatedAt = now,
            CompletedAt = now.AddSeconds(1),
            BatchId = Guid.NewGuid(),
            StepDueAt = now.AddMinutes(5),
            Data = new StatementReportData
            {
                FromDate = new DateOnly(2026, 1, 1),
                ToDate = new DateOnly(2026, 1, 31),
                AccountList = ["A-1", "A-2"],
                ResultPaths = { [StatementReportSteps.Query] = "/results/q" },
                CompletedSteps = [StatementReportSteps.Query],
                CurrentCommandId = Guid.NewGuid(),
                CommandAttempt = 3,
                CanceledByOperator = true,
            },
        };
        var bare = new StatementReportState { CorrelationId = Guid.NewGuid(), CurrentState = "Pending", CreatedAt = now, UpdatedAt = now };
        db.AddRange(full, bare);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var process in new[] { full, bare })
        {
            var locked = await SagaRowLock<StatementReportState>.Lock(db, process.CorrelationId, CancellationToken.None);
            var read = await db.Processes.AsNoTracking().SingleAsync(x => x.CorrelationId == process.CorrelationId);
            locked.ShouldNotBeNull().ShouldBeEquivalentTo(read);
            (locked.CurrentState, locked.ErrorCode, locked.CompletedAt, locked.BatchId, locked.StepDueAt)
                .ShouldBe((process.CurrentState, process.ErrorCode, read.CompletedAt, process.BatchId, read.StepDueAt));
            db.ChangeTracker.Entries().ShouldBeEmpty("the row is written back as a statement, not tracked");
        }

        (await SagaRowLock<StatementReportState>.Lock(db, Guid.NewGuid(), CancellationToken.None)).ShouldBeNull("no row: the message creates it");
    }

    [Fact]
    public async Task Should_plan_the_lock_and_the_write_back_once_on_a_connection_whatever_is_null()
    {
        await using var dataSource = ProcessBatchingDataSource.Create(fixture.ConnectionString + ";Maximum Pool Size=1;Auto Prepare Min Usages=1");
        await using var db = new ProcessBatchingDbContext(new DbContextOptionsBuilder<ProcessBatchingDbContext>()
            .UseNpgsql(dataSource).UseSnakeCaseNamingConvention().Options);
        var now = DateTimeOffset.UtcNow;
        var waiting = new StatementReportState
        {
            CorrelationId = Guid.NewGuid(), CurrentState = "WaitingForReply", CurrentStep = StatementReportSteps.Query,
            BatchId = Guid.NewGuid(), StepDueAt = now.AddMinutes(5), CreatedAt = now, UpdatedAt = now,
        };
        var pending = new StatementReportState { CorrelationId = Guid.NewGuid(), CurrentState = "Pending", CreatedAt = now, UpdatedAt = now };
        db.AddRange(waiting, pending);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // As messages for these two processes would, one after another on one pooled connection: the
        // rows' nullable columns are set in one and null in the other.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var statements = new MessageStatements();
        const int messages = 12;
        for (var i = 0; i < messages; i++)
        {
            var row = await SagaRowLock<StatementReportState>.Lock(db, (i % 2 == 0 ? waiting : pending).CorrelationId, CancellationToken.None);
            statements.Open();
            SagaRowUpdate<StatementReportState>.For(db).Add(statements, row.ShouldNotBeNull());
            await statements.ExecuteAsync(db, CancellationToken.None);
            statements.Close();
        }

        var prepared = await db.Database.SqlQueryRaw<PreparedPlans>(
            """
            SELECT CASE WHEN statement LIKE 'UPDATE%' THEN 'write-back' ELSE 'lock' END AS "Statement",
                   generic_plans AS "Generic", custom_plans AS "Custom"
              FROM pg_prepared_statements
             WHERE statement LIKE '%"commandbus"."process"%' AND (statement LIKE 'UPDATE%' OR statement LIKE '%FOR UPDATE')
               AND statement NOT LIKE '%pg_prepared_statements%'
            """).ToListAsync();
        await transaction.RollbackAsync();

        foreach (var statement in new[] { "lock", "write-back" })
        {
            var plans = prepared.Where(x => x.Statement == statement).ToList();
            plans.Count.ShouldBe(1, $"the {statement} is one prepared statement on the connection, null or not");
            plans[0].Custom.ShouldBeLessThanOrEqualTo(5, $"the {statement} is planned for its values at most five times, PostgreSQL's trial");
            (plans[0].Generic + plans[0].Custom).ShouldBe(messages, $"then it runs the {statement}'s generic plan, planned once");
        }
    }

    private sealed record PreparedPlans(string Statement, long Generic, long Custom);
}
