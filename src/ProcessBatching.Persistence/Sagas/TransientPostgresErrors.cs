using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// The PostgreSQL errors that mean "run the unit of work again": a serialization failure, a
/// deadlock victim, or a unique violation from two messages creating the same saga (or claiming
/// the same inbox row) at once; the retry then loads the row the winner committed.
/// </summary>
public static class TransientPostgresErrors
{
    public const int MaxAttempts = 5;

    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (which owns its transaction) until it succeeds, fails with a
    /// non-transient error, or runs out of attempts. Tracked entities of a failed attempt are
    /// dropped so the next attempt starts from the committed rows.
    /// </summary>
    public static async Task Retry(DbContext db, Func<int, Task> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                await attempt(number);
                return;
            }
            catch (Exception exception) when (number < MaxAttempts && IsTransient(exception))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20) * number, cancellationToken);
            }
        }
    }
}
