using System.Diagnostics;

namespace ProcessBatching.Benchmarks.EndToEnd;

public static class ServiceHealth
{
    /// <summary>Warnings and errors only: request and consumer logs would cost the service CPU and bury the table.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuietLogging = new Dictionary<string, string>
    {
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Serilog__MinimumLevel__Override__MassTransit"] = "Warning",
        ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Polls /health/ready (PostgreSQL and the bus answer) until it says healthy; throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout, Func<bool>? exited = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (exited?.Invoke() == true)
            {
                throw new InvalidOperationException("The service exited while starting.");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready after {timeout.TotalSeconds:F0} s: {last}");
    }
}
