using ProcessBatching.Service.Telemetry;
using Serilog;
using Serilog.Formatting.Compact;

namespace ProcessBatching.Service.Hosting;

public static class LoggingExtensions
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary><c>Logging__Format=json</c>: one compact JSON object per line on stdout, for a log collector.</summary>
    public static bool JsonFormat(IConfiguration configuration) =>
        string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last-resort logger for a failure before or outside the host (a setting missing at start).</summary>
    public static Serilog.Core.Logger CreateBootstrapLogger(IConfiguration configuration) =>
        WriteToConsole(new LoggerConfiguration(), configuration).CreateLogger();

    public static WebApplicationBuilder AddProcessBatchingLogging(this WebApplicationBuilder builder)
    {
        // The static logger stays the bootstrap one (Program's last-resort log); each host gets its
        // own, so hosts started side by side in one process (tests) do not share it.
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) => WriteToConsole(logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<TraceContextEnricher>(), builder.Configuration));
        return builder;
    }

    private static LoggerConfiguration WriteToConsole(LoggerConfiguration logger, IConfiguration configuration) =>
        JsonFormat(configuration)
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: TextTemplate);
}
