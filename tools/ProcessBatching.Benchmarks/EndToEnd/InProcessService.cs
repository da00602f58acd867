using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// The real service (its own Program, so whatever it wires runs here too) inside the tool's
/// process, so P1 can read <see cref="BatchOwner.RecountCount"/> directly.
/// </summary>
public sealed class InProcessService(IReadOnlyDictionary<string, string> configuration) : WebApplicationFactory<Program>
{
    public long RefreshCalls => Services.GetRequiredService<BatchOwner>().RecountCount;

    public async Task<HttpClient> StartReadyAsync(TimeSpan timeout)
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        await ServiceHealth.WaitUntilReadyAsync(client, timeout);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The factory looks for the content root next to the solution; the service's lives under src/.
        builder.UseContentRoot(Path.GetDirectoryName(ServiceBuild.Locate())!);
        foreach (var (key, value) in configuration)
        {
            builder.UseSetting(key.Replace("__", ":"), value);
        }

        foreach (var (key, value) in ServiceHealth.QuietLogging)
        {
            builder.UseSetting(key.Replace("__", ":"), value);
        }
    }
}
