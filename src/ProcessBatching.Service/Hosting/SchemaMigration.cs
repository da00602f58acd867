namespace ProcessBatching.Service.Hosting;

/// <summary>Whether <see cref="DatabaseMigrationService"/> has brought the schema up to date in this process.</summary>
public sealed class SchemaMigration
{
    private volatile bool _done;

    public bool Done => _done;

    public void Complete() => _done = true;
}
