namespace ProcessBatching.Persistence;

/// <summary>The PostgreSQL schema of the outbox, inbox and saga tables (and of the host's own tables).</summary>
public static class PersistenceSchema
{
    public const string Name = "commandbus";
}
