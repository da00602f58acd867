using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>The real service, in memory, pointed at a test database and virtual host.</summary>
public sealed class ServiceFactory(IReadOnlyDictionary<string, string?> configuration) : WebApplicationFactory<Program>
{
    /// <summary>
    /// Starts the service and waits until it reports ready, that is until its bus has connected
    /// and bound its queues, so nothing a test publishes is dropped for want of a binding.
    /// </summary>
    public async Task<HttpClient> StartReadyAsync()
    {
        HttpClient client;

        // The host's bus must not inherit this test's async-local context: after an earlier host
        // in the same test run, MassTransit would find that host's (disposed) scope in it.
        using (ExecutionContext.SuppressFlow())
        {
            client = CreateClient();
        }

        var (status, body) = await Eventually.GetAsync(client, "/health/ready", r => r.IsSuccessStatusCode);
        if (status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The service did not become ready: {status} {body}");
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in configuration)
        {
            builder.UseSetting(key, value);
        }
    }
}
