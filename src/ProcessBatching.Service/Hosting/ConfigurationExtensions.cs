namespace ProcessBatching.Service.Hosting;

public static class ConfigurationExtensions
{
    public static string GetProcessBatchingConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("ProcessBatching")
        ?? throw new InvalidOperationException("ConnectionStrings__ProcessBatching is not set.");
}
