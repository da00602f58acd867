using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>The real service, in memory, pointed at a test database and virtual host.</summary>
public sealed class ServiceFactory(IReadOnlyDictionary<string, string?> configuration) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in configuration)
        {
            builder.UseSetting(key, value);
        }
    }
}
