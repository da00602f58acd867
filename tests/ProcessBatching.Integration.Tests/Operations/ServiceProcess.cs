using System.Collections.Concurrent;
using System.Diagnostics;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>
/// The service as an image runs it: <c>dotnet ProcessBatching.Service.dll</c> from its own build
/// output, in Production, started from another working directory, its stdout kept line by line.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<ServiceProcess> StartAsync(IntegrationFixture fixture, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new ProcessStartInfo("dotnet", [ServiceDll()])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in fixture.ServiceConfiguration().Where(setting => setting.Value is not null))
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        // Production without Auth__* refuses to start (docs/security.md); the specs call it from loopback.
        start.Environment["Auth__Disabled"] = "true";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) service.Output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) service.Output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var ready = await Eventually.UntilAsync(() => service.ReadyAsync(process), answer => answer.Ready || process.HasExited, TimeSpan.FromSeconds(90));
        if (!ready.Ready)
        {
            await service.DisposeAsync();
            throw new InvalidOperationException($"The service process did not become ready: {ready.Answer}\n{string.Join('\n', service.Output)}");
        }

        return service;
    }

    private async Task<(bool Ready, string Answer)> ReadyAsync(Process process)
    {
        try
        {
            using var response = await Client.GetAsync("/health/ready");
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException exception)
        {
            return (false, process.HasExited ? $"exited with {process.ExitCode}" : exception.Message);
        }
    }

    /// <summary>SIGTERM, then waits for the process to end (killed after 30 s).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        Client.Dispose();
    }

    /// <summary>The service's own build output, in this build's configuration (…/src/ProcessBatching.Service/bin/…).</summary>
    private static string ServiceDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(RepositoryFiles.Root(), "src", "ProcessBatching.Service", "bin",
            output.Parent!.Name, output.Name, "ProcessBatching.Service.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first", dll);
    }
}
