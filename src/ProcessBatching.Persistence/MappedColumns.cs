using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ProcessBatching.Persistence;

/// <summary>
/// Table and column names of a mapped entity, quoted, for hand-written SQL that EF Core materialises.
/// Columns are listed, never <c>*</c>: a statement the connection has prepared must not change its
/// result's shape when a migration adds a column (PostgreSQL: "cached plan must not change result type").
/// </summary>
public static class MappedColumns
{
    /// <summary>The schema-qualified table and every mapped column, each prefixed with <paramref name="alias"/> if given.</summary>
    public static (string Table, string Columns) Of<TEntity>(IModel model, string? alias = null)
    {
        var (entity, table) = Mapping<TEntity>(model);
        var name = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        var prefix = alias is null ? "" : alias + ".";
        return (name, string.Join(", ", entity.GetProperties().Select(property => prefix + Quote(property.GetColumnName(table)!))));
    }

    public static string Column<TEntity>(IModel model, string property)
    {
        var (entity, table) = Mapping<TEntity>(model);
        return Quote(entity.FindProperty(property)!.GetColumnName(table)!);
    }

    private static (IEntityType Entity, StoreObjectIdentifier Table) Mapping<TEntity>(IModel model)
    {
        var entity = model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped in the DbContext.");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"") + '"';
}
