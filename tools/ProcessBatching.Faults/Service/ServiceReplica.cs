using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ProcessBatching.Benchmarks.EndToEnd;

namespace ProcessBatching.Faults.Service;

/// <summary>
/// One replica of the service as production runs it: <c>dotnet ProcessBatching.Service.dll</c>, its own
/// loopback port, the scenario's settings in its environment, its output in the scenario's log. The
/// suite kills it (SIGKILL), stops it (SIGTERM) and starts a new one on the same port. Like
/// deploy/run.sh, it starts the service again when it stopped itself to be restarted (exit code 75).
/// </summary>
public sealed class ServiceReplica : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string name;
    private readonly IReadOnlyDictionary<string, string> configuration;
    private readonly ScenarioLog log;
    private readonly Uri _address = new($"http://127.0.0.1:{FreePort()}");
    private const int ExitCodeToBeRestarted = 75;
    private Process? _process;
    private int _generation;

    /// <summary>How often the service stopped itself to be started again.</summary>
    public int SelfRestarts { get; private set; }

    public ServiceReplica(string name, IReadOnlyDictionary<string, string> configuration, ScenarioLog log)
    {
        (this.name, this.configuration, this.log) = (name, configuration, log);
        Client = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public string Name => name;

    /// <summary>Starts the replica; with <paramref name="waitReady"/>, until /health/ready answers (throws after 90 s).</summary>
    public async Task StartAsync(bool waitReady = true)
    {
        var dll = ServiceBuild.Locate();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in configuration.Concat(ServiceHealth.QuietLogging))
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = _address.ToString().TrimEnd('/');
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var source = $"{name}#{++_generation}";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}");
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => RestartIfAsked(process);
        process.OutputDataReceived += (_, line) => log.Write(source, line.Data);
        process.ErrorDataReceived += (_, line) => log.Write(source, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        log.Suite($"started {source} (pid {process.Id}) on {_address}");
        if (waitReady)
        {
            await ServiceHealth.WaitUntilReadyAsync(Client, ReadyTimeout, () => process.HasExited);
            log.Suite($"{source} ready");
        }
    }

    private void RestartIfAsked(Process process)
    {
        if (!ReferenceEquals(process, _process) || process.ExitCode != ExitCodeToBeRestarted)
        {
            return;
        }

        SelfRestarts++;
        log.Suite($"{name} (pid {process.Id}) stopped itself to be started again");
        _ = Task.Run(() => StartAsync(waitReady: false));
    }

    /// <summary>kill -9: no shutdown at all, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{name} is not running");
        log.Suite($"kill -9 {name} (pid {process.Id})");
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod; the host's graceful shutdown, bounded by <paramref name="grace"/>.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan grace)
    {
        var process = _process ?? throw new InvalidOperationException($"{name} is not running");
        if (process.HasExited)
        {
            log.Suite($"{name} had already exited ({process.ExitCode})");
            process.Dispose();
            _process = null;
            return TimeSpan.Zero;
        }

        log.Suite($"SIGTERM {name} (pid {process.Id})");
        var clock = Stopwatch.StartNew();
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var bound = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(bound.Token);
            log.Suite($"{name} exited {process.ExitCode} {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
        }
        catch (OperationCanceledException)
        {
            log.Suite($"{name} still running {grace.TotalSeconds:F0} s after SIGTERM: killed");
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        _process = null;
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await TerminateAsync(TimeSpan.FromSeconds(10));
        }

        Client.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
