using System.Diagnostics;

namespace ProcessBatching.Faults.Servers;

/// <summary>
/// The suite's own PostgreSQL cluster and RabbitMQ node (deploy/fault-services.sh), on ports of their
/// own, so restarting them disturbs no developer's services or tests running next to the suite.
/// </summary>
public static class FaultServices
{
    public const int PostgresPort = 5433;
    public const int AmqpPort = 5673;
    public const int ManagementPort = 15673;
    public const string Host = "127.0.0.1";
    public const string RabbitUser = "guest";
    public const string RabbitPassword = "guest";

    public static readonly string ServerConnectionString =
        $"Host={Host};Port={PostgresPort};Database=postgres;Username=processbatching;Password=processbatching;SSL Mode=Disable;Timeout=5;Pooling=false";

    public static Task StartAsync() => RunAsync("start");

    public static Task RestartPostgresAsync() => RunAsync("postgres-restart");

    /// <summary>PostgreSQL stopped for <paramref name="seconds"/>, then started.</summary>
    public static Task PostgresOutageAsync(int seconds) => RunAsync("postgres-outage", seconds.ToString());

    public static Task StopBrokerAppAsync() => RunAsync("rabbit-stop-app");

    public static Task StartBrokerAppAsync() => RunAsync("rabbit-start-app");

    private static async Task RunAsync(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot.Path, "deploy", "fault-services.sh");
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(bound.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"deploy/fault-services.sh {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}{await output}");
        }
    }
}
