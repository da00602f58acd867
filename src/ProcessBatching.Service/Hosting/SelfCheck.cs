namespace ProcessBatching.Service.Hosting;

/// <summary>
/// <c>ProcessBatching.Service healthcheck [path]</c>: asks the service running in this container for
/// its health (default <c>/health/ready</c>) and exits 0 when it answers 2xx, else 1. The image's
/// HEALTHCHECK uses it, so the image needs neither curl nor a shell.
/// </summary>
public static class SelfCheck
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 1 ? args[1] : "/health/ready";
        try
        {
            using var client = new HttpClient { BaseAddress = LocalAddress(), Timeout = TimeSpan.FromSeconds(3) };
            using var response = await client.GetAsync(path);
            Console.WriteLine($"{(int)response.StatusCode} {path}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.Error.WriteLine($"{path}: {exception.Message}");
            return 1;
        }
    }

    /// <summary>The first port of <c>ASPNETCORE_HTTP_PORTS</c>, else of <c>ASPNETCORE_URLS</c>, on loopback; else 8080.</summary>
    private static Uri LocalAddress()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        if (!string.IsNullOrWhiteSpace(ports))
        {
            return new Uri($"http://127.0.0.1:{ports.Split([',', ';'], StringSplitOptions.TrimEntries)[0]}");
        }

        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        if (!string.IsNullOrWhiteSpace(urls))
        {
            var first = new UriBuilder(urls.Split(';', StringSplitOptions.TrimEntries)[0]
                .Replace("://+", "://localhost").Replace("://*", "://localhost")) { Host = "127.0.0.1" };
            return first.Uri;
        }

        return new Uri("http://127.0.0.1:8080");
    }
}
