using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// The service as it runs in production: a separate <c>dotnet ProcessBatching.Service.dll</c> on a free
/// port, with the run's settings in its environment and its log in a file, so its memory is its own.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(Process process, StreamWriter log, string logPath, Uri address)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        Memory = new MemorySampler(process.Id);
    }

    public HttpClient Client { get; }
    public MemorySampler Memory { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;

    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> configuration, TimeSpan readyTimeout)
    {
        var dll = ServiceBuild.Locate();
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
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

        // As the image runs it: the GC its runtimeconfig ships (Workstation), whatever this tool runs with;
        // only a gen0 setting given to the tool (DOTNET_GCgen0size, DOTNET_GCGen0MaxBudget; docs/performance.md) reaches the service.
        foreach (var inherited in new[] { "DOTNET_gcServer", "DOTNET_gcConcurrent", "COMPlus_gcServer" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var logPath = Path.Combine(Path.GetTempPath(), $"pb-bench-service-{Guid.NewGuid():N}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}");
        process.OutputDataReceived += (_, line) => { lock (log) { log.WriteLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (log) { log.WriteLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, log, logPath, address);
        try
        {
            await ServiceHealth.WaitUntilReadyAsync(service.Client, readyTimeout, () => process.HasExited);
        }
        catch
        {
            await service.DisposeAsync();
            throw new InvalidOperationException($"The service process did not become ready; its log: {logPath}");
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await Memory.DisposeAsync();
        Client.Dispose();
        if (!_process.HasExited)
        {
            // SIGTERM first: the host stops the bus and closes its connections cleanly.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
