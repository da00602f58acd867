using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Processes;
using ProcessBatching.Service.Endpoints;
using ProcessBatching.Service.Health;
using ProcessBatching.Service.Security;
using ProcessBatching.Service.Telemetry;
using Serilog;

namespace ProcessBatching.Service.Hosting;

public static class ServiceCollectionExtensions
{
    public static WebApplicationBuilder AddProcessBatching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetProcessBatchingConnectionString();
        var roles = ServiceRoles.From(builder.Configuration);

        // First hosted service: the schema is current before the bus starts consuming.
        services.AddSingleton<SchemaMigration>();
        services.AddHostedService<DatabaseMigrationService>();

        services.AddSingleton(_ => ProcessBatchingDataSource.Create(connectionString));
        services.AddDbContextPool<ProcessBatchingDbContext>((provider, db) => db
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());
        services.AddProcessBatches();
        services.AddProcessBatchingMessaging(roles);
        services.AddProcesses();
        services.AddProcessBatchingApi();
        services.AddRazorPages();
        builder.AddProcessBatchingSecurity();
        services.AddHttpContextAccessor();
        builder.AddProcessBatchingTelemetry(builder.Configuration[ServiceRoles.Setting] ?? "all");

        services.AddProcessBatchingHealth()
            .AddNpgSql(provider => provider.GetRequiredService<NpgsqlDataSource>(), name: "postgresql", tags: ["ready"]);

        return builder;
    }

    public static WebApplication UseProcessBatching(this WebApplication app)
    {
        app.UseRequestLogScope();
        app.UseSerilogRequestLogging(requests =>
        {
            // This host's logger (JSON, trace_id, level overrides), not the static bootstrap one.
            requests.Logger = app.Services.GetService<Serilog.ILogger>();
            requests.GetLevel = RequestLogLevel.For;
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseProcessBatchingSecurity();
        app.UseStaticFiles();
        app.MapProcessBatchingApi();
        app.MapRazorPages();
        app.MapProcessBatchingHealth();
        app.MapProcessBatchingMetrics();
        return app;
    }

    public static void MigrateDatabase(this WebApplication app) =>
        DatabaseMigrator.Migrate(
            app.Configuration.GetMigrationConnectionString(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator)));
}
