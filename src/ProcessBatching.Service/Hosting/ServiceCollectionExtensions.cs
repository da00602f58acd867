using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Processes;
using ProcessBatching.Service.Endpoints;
using Serilog;

namespace ProcessBatching.Service.Hosting;

public static class ServiceCollectionExtensions
{
    public static WebApplicationBuilder AddProcessBatching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetProcessBatchingConnectionString();

        // First hosted service: the schema is current before the bus starts consuming.
        services.AddHostedService<DatabaseMigrationService>();

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddProcessBatches();
        services.AddProcessQueries();
        services.AddRazorPages();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonBody.Options.PropertyNamingPolicy;
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        services.AddProblemDetails();
        services.AddOpenApi();

        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section);
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(options.Host, options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        services.AddHealthChecks()
            .AddNpgSql(connectionString, name: "postgresql", tags: ["ready"]);

        return builder;
    }

    public static WebApplication UseProcessBatching(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapBatchEndpoints();
        app.MapProcessBatchEndpoints();
        app.MapProcessEndpoints();
        app.MapRazorPages();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }

    public static void MigrateDatabase(this WebApplication app) =>
        DatabaseMigrator.Migrate(
            app.Configuration.GetProcessBatchingConnectionString(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator)));
}
