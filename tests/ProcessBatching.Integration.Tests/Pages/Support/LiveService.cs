using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>
/// The real service on a free loopback port (Kestrel, not the socket-less TestServer), so a real
/// browser can reach it; pointed at the fixture's database and vhost, with a recording
/// <see cref="IProcessOperator"/> standing in for the saga's.
/// </summary>
public sealed class LiveService : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _configuration;

    public LiveService(IReadOnlyDictionary<string, string?> configuration)
    {
        _configuration = configuration;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public Uri BaseAddress { get; }

    public RecordingOperator Operator { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _configuration)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IProcessOperator>(Operator));
    }
}
