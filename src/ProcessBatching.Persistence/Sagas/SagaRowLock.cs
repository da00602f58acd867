using System.Linq.Expressions;
using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// Loads saga rows with <c>SELECT … FOR UPDATE</c>, table, columns and value converters taken from
/// the EF model, read by a plain Npgsql reader on the message's transaction and untracked, since
/// <see cref="SagaRowUpdate{TSaga}"/> writes them back. Not an EF Core query: its pipeline compiled,
/// and the finalizer later dropped, code for every raw SQL query it ran, one per saga message.
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
    private readonly Func<NpgsqlDataReader, TSaga> _read;

    private SagaRowLock(IModel model)
    {
        var entity = model.FindEntityType(typeof(TSaga)) ?? throw new InvalidOperationException($"{typeof(TSaga).Name} is not mapped in the DbContext.");
        var (table, columns) = MappedColumns.Of<TSaga>(model);
        var key = MappedColumns.Column<TSaga>(model, nameof(ISaga.CorrelationId));
        _sql = $"SELECT {columns} FROM {table} WHERE {key} = ANY($1) ORDER BY {key} FOR UPDATE";
        _read = Materializer(entity.GetProperties().ToArray());
    }

    /// <summary>
    /// The row, locked; or null, and then this transaction is the one that creates it: a missing row
    /// is retried under a transaction-level advisory lock on the id, so a second message for a new
    /// saga waits for the first one's commit and loads its row instead of failing on the key.
    /// </summary>
    public static async Task<TSaga?> Lock(DbContext db, Guid correlationId, CancellationToken cancellationToken)
    {
        var rows = await For(db).Lock(db, [correlationId], cancellationToken);
        if (rows.Count == 0)
        {
            var transaction = MessageStatements.TransactionOf(db);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", transaction.Connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryKey(correlationId) });
            await command.ExecuteNonQueryAsync(cancellationToken);
            rows = await For(db).Lock(db, [correlationId], cancellationToken);
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

    private async Task<List<TSaga>> Lock(DbContext db, Guid[] ids, CancellationToken cancellationToken)
    {
        var transaction = MessageStatements.TransactionOf(db);
        await using var command = new NpgsqlCommand(_sql, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TSaga>(ids.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(_read(reader));
        }

        return rows;
    }

    /// <summary>
    /// <c>reader => new TSaga { P0 = convert(reader.GetFieldValue&lt;Stored0&gt;(0)), … }</c>, one
    /// assignment per mapped property in the order <see cref="MappedColumns.Of{TEntity}"/> lists
    /// them; a NULL leaves the property's default. Compiled once per saga type.
    /// </summary>
    private static Func<NpgsqlDataReader, TSaga> Materializer(IProperty[] properties)
    {
        var reader = Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        var saga = Expression.Variable(typeof(TSaga), "saga");
        var body = new List<Expression> { Expression.Assign(saga, Expression.New(typeof(TSaga))) };
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            var converter = property.GetTypeMapping().Converter;
            var stored = converter?.ProviderClrType ?? property.ClrType;
            var ordinal = Expression.Constant(i);
            Expression value = Expression.Call(reader, GetFieldValue.MakeGenericMethod(Nullable.GetUnderlyingType(stored) ?? stored), ordinal);
            if (converter is not null)
            {
                value = Expression.Invoke(converter.ConvertFromProviderExpression, Expression.Convert(value, converter.ProviderClrType));
            }

            var member = Expression.MakeMemberAccess(saga, property.GetMemberInfo(forMaterialization: true, forSet: true));
            body.Add(Expression.IfThen(
                Expression.Not(Expression.Call(reader, IsDBNull, ordinal)),
                Expression.Assign(member, Expression.Convert(value, member.Type))));
        }

        body.Add(saga);
        return Expression.Lambda<Func<NpgsqlDataReader, TSaga>>(Expression.Block([saga], body), reader).Compile();
    }

    private static readonly MethodInfo GetFieldValue = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!;
    private static readonly MethodInfo IsDBNull = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.IsDBNull), [typeof(int)])!;

    private static long AdvisoryKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
