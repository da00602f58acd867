using Serilog;

namespace ProcessBatching.Service.Hosting;

public static class LoggingExtensions
{
    public static WebApplicationBuilder AddProcessBatchingLogging(this WebApplicationBuilder builder)
    {
        // The static logger stays the bootstrap one (Program's last-resort log); each host gets its
        // own, so hosts started side by side in one process (tests) do not share it.
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate:
                "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"));
        return builder;
    }
}
