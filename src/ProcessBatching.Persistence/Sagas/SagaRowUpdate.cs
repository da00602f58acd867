using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace ProcessBatching.Persistence.Sagas;

/// <summary>
/// A saga row's UPDATE as one of the message's statements (<see cref="MessageStatements"/>): every
/// mapped column, each through its EF Core value converter and cast to its column type, keyed by the
/// correlation id. Built once per saga type from the model. Loaded rows are not tracked, so EF Core
/// keeps no snapshot of them and compares nothing; the row is written whole, which costs PostgreSQL
/// nothing more, since an UPDATE writes a whole new row version anyway. Every parameter carries its
/// column's type, null or not: the connection prepares one statement and PostgreSQL plans it once,
/// where an untyped null would make it another statement to prepare and plan.
/// </summary>
public sealed class SagaRowUpdate<TSaga>
    where TSaga : class, ISaga
{
    private static SagaRowUpdate<TSaga>? _built;

    private readonly string _sql;
    private readonly Func<TSaga, NpgsqlParameter>[] _values;

    private SagaRowUpdate(IModel model)
    {
        var entity = model.FindEntityType(typeof(TSaga)) ?? throw new InvalidOperationException($"{typeof(TSaga).Name} is not mapped in the DbContext.");
        var (table, _) = MappedColumns.Of<TSaga>(model);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = entity.GetProperties().Where(property => property != key).ToArray();
        _values = [Value(key), .. columns.Select(Value)];
        var assignments = columns.Select((property, i) => $"{MappedColumns.Column<TSaga>(model, property.Name)} = ${i + 2}::{property.GetColumnType()}");
        _sql = $"UPDATE {table} SET {string.Join(", ", assignments)} WHERE {MappedColumns.Column<TSaga>(model, key.Name)} = $1";
    }

    public static SagaRowUpdate<TSaga> For(DbContext db) => _built ??= new SagaRowUpdate<TSaga>(db.Model);

    public void Add(MessageStatements statements, TSaga saga)
    {
        var values = new NpgsqlParameter[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _values[i](saga);
        }

        statements.Add(_sql, values);
    }

    private static Func<TSaga, NpgsqlParameter> Value(IProperty property)
    {
        var getter = property.GetGetter();
        ValueConverter? converter = property.GetTypeMapping().Converter;
        var columnType = property.GetColumnType();
        Func<TSaga, object?> value = converter is null
            ? saga => getter.GetClrValue(saga)
            : saga => getter.GetClrValue(saga) is { } clr ? converter.ConvertToProvider(clr) : null;
        return saga => new NpgsqlParameter { Value = value(saga) ?? DBNull.Value, DataTypeName = columnType };
    }
}
