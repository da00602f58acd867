using System.Data;
using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// One read-committed transaction per message on the scoped DbContext, begun explicitly (not a
/// TransactionScope, npgsql #5683). When the PostgreSQL outbox already opened the transaction for
/// this message, the saga joins it and the outbox owns commit and retries.
/// </summary>
public static class SagaTransaction
{
    /// <summary>
    /// Turns off EF Core's savepoint around each SaveChanges inside the transaction: two statements per
    /// save (SAVEPOINT, RELEASE) that buy nothing here, since any failure rolls the whole message's
    /// transaction back and runs it again. The saga's insert-on-initial keeps its own savepoint.
    /// </summary>
    public static void WithoutAutoSavepoints(DbContext db) => db.Database.AutoSavepointsEnabled = false;

    /// <summary>
    /// Runs <paramref name="work"/> in the message's transaction: the outbox's, which then also sends the
    /// message's statements, or one of its own that sends them before it commits.
    /// </summary>
    public static async Task Run(DbContext db, MessageStatements statements, Func<Task> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }

        WithoutAutoSavepoints(db);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(() => TransientPostgresErrors.Retry(db, async _ =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            statements.Open();
            try
            {
                await work();
                await db.SaveChangesAsync(cancellationToken);
                await statements.ExecuteAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                statements.Close();
            }
        }, cancellationToken));
    }
}
