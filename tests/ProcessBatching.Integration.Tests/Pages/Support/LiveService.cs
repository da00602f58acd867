using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>
/// The real service, with its real registrations, on a free loopback port (Kestrel, not the
/// socket-less TestServer), so a real browser can reach it; pointed at the fixture's database and vhost.
/// </summary>
public sealed class LiveService : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _configuration;

    private LiveService(IReadOnlyDictionary<string, string?> configuration)
    {
        _configuration = configuration;
        UseKestrel(0);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the service and waits until it reports ready (its bus connected, its queues bound).</summary>
    public static async Task<LiveService> StartAsync(IReadOnlyDictionary<string, string?> configuration)
    {
        var service = new LiveService(configuration);

        // The host's bus must not inherit the test's async-local context (see ServiceFactory).
        using (ExecutionContext.SuppressFlow())
        {
            service.StartServer();
        }

        var addresses = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        service.BaseAddress = new Uri(addresses.First());
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        var (status, body) = await Eventually.GetAsync(client, "/health/ready", r => r.IsSuccessStatusCode);
        if (status != System.Net.HttpStatusCode.OK)
        {
            await service.DisposeAsync();
            throw new InvalidOperationException($"The service did not become ready: {status} {body}");
        }

        return service;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _configuration)
        {
            builder.UseSetting(key, value);
        }
    }
}
