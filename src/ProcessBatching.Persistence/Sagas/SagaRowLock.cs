using System.Linq.Expressions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// Loads saga rows with <c>SELECT … FOR UPDATE</c>, table, columns and value converters taken from
/// the EF model, read by a plain Npgsql reader on the message's transaction (<see cref="MappedRows{TEntity}"/>)
/// and untracked, since <see cref="SagaRowUpdate{TSaga}"/> writes them back.
/// Pessimistic on purpose: a saga row is contended only by messages for that one process, so
/// waiting on its row lock is cheaper than optimistic version checks that fail and re-run the whole
/// state machine; and since one message locks one row (several only in key order), two
/// transactions never wait on each other in a cycle (MassTransit #591/#643).
/// </summary>
public sealed class SagaRowLock<TSaga>
    where TSaga : class, ISaga
{
    private static SagaRowLock<TSaga>? _built;

    private readonly string _sql;
    private readonly string _sqlOne;
    private readonly MappedRows<TSaga> _rows;

    private SagaRowLock(IModel model)
    {
        var (table, columns) = MappedColumns.Of<TSaga>(model);
        var key = MappedColumns.Column<TSaga>(model, nameof(ISaga.CorrelationId));
        _sql = $"SELECT {columns} FROM {table} WHERE {key} = ANY($1) ORDER BY {key} FOR UPDATE";

        // One row, as nearly every message locks: "= $1", not "= ANY($1)". PostgreSQL costs a
        // generic plan of "= ANY($1)" for an array of several ids, more than the custom plan of
        // one, so it would plan that prepared statement again at every message.
        _sqlOne = $"SELECT {columns} FROM {table} WHERE {key} = $1 FOR UPDATE";
        _rows = MappedRows<TSaga>.For(model);
    }

    /// <summary>
    /// The row, locked; or null, and then this transaction is the one that creates it: a missing row
    /// is retried under a transaction-level advisory lock on the id, so a second message for a new
    /// saga waits for the first one's commit and loads its row instead of failing on the key.
    /// </summary>
    public static async Task<TSaga?> Lock(DbContext db, Guid correlationId, CancellationToken cancellationToken)
    {
        var rows = await For(db).LockOne(db, correlationId, cancellationToken);
        if (rows.Count == 0)
        {
            var transaction = MessageStatements.TransactionOf(db);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", transaction.Connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryKey(correlationId) });
            await command.ExecuteNonQueryAsync(cancellationToken);
            rows = await For(db).LockOne(db, correlationId, cancellationToken);
        }

        return rows.SingleOrDefault();
    }

    /// <summary>Locks the rows that match <paramref name="filter"/>, in key order; re-checks the filter once they are locked.</summary>
    public static async Task<IReadOnlyList<TSaga>> Lock(DbContext db, Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken)
    {
        var ids = await db.Set<TSaga>().AsNoTracking().Where(filter).Select(x => x.CorrelationId).ToArrayAsync(cancellationToken);
        if (ids.Length == 0)
        {
            return [];
        }

        var rows = await For(db).Lock(db, ids, cancellationToken);
        return rows.Where(filter.Compile()).ToList();
    }

    private static SagaRowLock<TSaga> For(DbContext db) => _built ??= new SagaRowLock<TSaga>(db.Model);

    private Task<List<TSaga>> Lock(DbContext db, Guid[] ids, CancellationToken cancellationToken) =>
        Read(db, _sql, new NpgsqlParameter<Guid[]> { TypedValue = ids }, cancellationToken);

    private Task<List<TSaga>> LockOne(DbContext db, Guid id, CancellationToken cancellationToken) =>
        Read(db, _sqlOne, new NpgsqlParameter<Guid> { TypedValue = id }, cancellationToken);

    private async Task<List<TSaga>> Read(DbContext db, string sql, NpgsqlParameter key, CancellationToken cancellationToken)
    {
        var transaction = MessageStatements.TransactionOf(db);
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.Add(key);
        return await _rows.ReadAsync(command, cancellationToken);
    }

    private static long AdvisoryKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
