using ProcessBatching.Service.Hosting;
using Serilog;

if (args is ["healthcheck", ..])
{
    return await SelfCheck.RunAsync(args);
}

Log.Logger = LoggingExtensions.CreateBootstrapLogger(new ConfigurationBuilder().AddEnvironmentVariables().Build());

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddProcessBatchingConfiguration();
    builder.AddProcessBatchingLogging();
    builder.AddProcessBatching();

    var app = builder.Build();
    if (args.Contains("migrate"))
    {
        app.MigrateDatabase();
        return 0;
    }

    app.UseProcessBatching();
    await app.RunAsync();
    return Environment.ExitCode; // the consumer watchdog's, when it stopped the service to be started again
}
catch (Exception exception) when (exception is MissingSettingException or Microsoft.Extensions.Options.OptionsValidationException)
{
    Log.Fatal("ProcessBatching cannot start, settings are missing: {Problems}", exception is Microsoft.Extensions.Options.OptionsValidationException invalid
        ? string.Join("; ", invalid.Failures.Select(failure => failure.Split(" with the error: ").Last().Trim('\'', '.')))
        : exception.Message);
    return 1;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "ProcessBatching stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
