using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ProcessBatching.Persistence;

/// <summary>
/// Reads rows of a mapped entity from a plain Npgsql reader whose columns are those
/// <see cref="MappedColumns.Of{TEntity}"/> lists, in that order: each through its EF Core value
/// converter, untracked. For the statements that run once per message or delivery, where EF Core's
/// query pipeline (and the code it compiles for every raw SQL query) would cost more than the read.
/// </summary>
public sealed class MappedRows<TEntity>
    where TEntity : class
{
    private static MappedRows<TEntity>? _built;

    private readonly IModel _model;
    private readonly Func<NpgsqlDataReader, TEntity> _read;

    private MappedRows(IModel model)
    {
        var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped in the DbContext.");
        _model = model;
        _read = Materializer([.. entity.GetProperties()]);
    }

    /// <summary>Built once per model (EF Core keeps one per DbContext type); an entity two contexts map is built for each.</summary>
    public static MappedRows<TEntity> For(IModel model) =>
        _built is { } built && ReferenceEquals(built._model, model) ? built : _built = new MappedRows<TEntity>(model);

    public async Task<List<TEntity>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TEntity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(_read(reader));
        }

        return rows;
    }

    /// <summary>
    /// <c>reader => new TEntity { P0 = convert(reader.GetFieldValue&lt;Stored0&gt;(0)), … }</c>, one
    /// assignment per mapped property; a NULL leaves the property's default. Compiled once.
    /// </summary>
    private static Func<NpgsqlDataReader, TEntity> Materializer(IProperty[] properties)
    {
        var reader = Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        var row = Expression.Variable(typeof(TEntity), "row");
        var body = new List<Expression> { Expression.Assign(row, Expression.New(typeof(TEntity))) };
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

            var member = Expression.MakeMemberAccess(row, property.GetMemberInfo(forMaterialization: true, forSet: true));
            body.Add(Expression.IfThen(
                Expression.Not(Expression.Call(reader, IsDBNull, ordinal)),
                Expression.Assign(member, Expression.Convert(value, member.Type))));
        }

        body.Add(row);
        return Expression.Lambda<Func<NpgsqlDataReader, TEntity>>(Expression.Block([row], body), reader).Compile();
    }

    private static readonly MethodInfo GetFieldValue = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!;
    private static readonly MethodInfo IsDBNull = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.IsDBNull), [typeof(int)])!;
}
