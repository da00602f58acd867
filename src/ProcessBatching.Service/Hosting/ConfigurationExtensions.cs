namespace ProcessBatching.Service.Hosting;

public static class ConfigurationExtensions
{
    public static string GetProcessBatchingConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("ProcessBatching") is { Length: > 0 } connectionString
            ? connectionString
            : throw new MissingSettingException(
                "ConnectionStrings__ProcessBatching is not set: give the PostgreSQL connection string in the environment " +
                "or as a file in the secrets directory (README: Operate it). Local defaults apply only in Development.");

    /// <summary>
    /// The role that migrates the schema (<c>ConnectionStrings__ProcessBatchingMigrations</c>), so that the
    /// run-time role can do without the right to create tables; the run-time one when it is not set.
    /// </summary>
    public static string GetMigrationConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("ProcessBatchingMigrations") ?? configuration.GetProcessBatchingConnectionString();

    /// <summary>
    /// Where the settings come from besides the environment: <c>appsettings.json</c> next to the binary
    /// whatever the working directory (Serilog's level overrides live there), and one file per
    /// setting in <c>Secrets__Directory</c> (default <c>/run/secrets</c>, a mounted Kubernetes or
    /// Docker secret: file <c>RabbitMq__Password</c> holds the password). Environment variables still win.
    /// </summary>
    public static WebApplicationBuilder AddProcessBatchingConfiguration(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var beside = AppContext.BaseDirectory;
        if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))
            && File.Exists(Path.Combine(beside, "appsettings.json")))
        {
            // Lowest precedence, as if it had been found in the content root.
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(beside),
            });
        }

        var secrets = configuration["Secrets:Directory"] ?? "/run/secrets";
        if (Directory.Exists(secrets))
        {
            configuration.AddKeyPerFile(secrets, optional: true);
            // Environment variables stay above the files.
            configuration.AddEnvironmentVariables();
        }

        return builder;
    }
}
