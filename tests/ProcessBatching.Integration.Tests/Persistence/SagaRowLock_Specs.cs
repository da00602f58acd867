using Microsoft.EntityFrameworkCore;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence.Sagas;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_row_is_locked_for_a_message(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_read_every_column_as_EF_Core_reads_it_nulls_included()
    {
        await using var db = new ProcessBatchingDbContext(new DbContextOptionsBuilder<ProcessBatchingDbContext>()
            .UseNpgsql(fixture.ConnectionString).UseSnakeCaseNamingConvention().Options);
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
}
