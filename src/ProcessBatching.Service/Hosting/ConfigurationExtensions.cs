namespace ProcessBatching.Service.Hosting;

public static class ConfigurationExtensions
{
    public static string GetProcessBatchingConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("ProcessBatching")
        ?? throw new InvalidOperationException("ConnectionStrings__ProcessBatching is not set.");

    /// <summary>
    /// The role that migrates the schema (<c>ConnectionStrings__ProcessBatchingMigrations</c>), so that the
    /// run-time role can do without the right to create tables; the run-time one when it is not set.
    /// </summary>
    public static string GetMigrationConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("ProcessBatchingMigrations") ?? configuration.GetProcessBatchingConnectionString();
}
