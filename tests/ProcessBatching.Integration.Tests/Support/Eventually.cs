using System.Diagnostics;
using System.Net;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Bounded polling for outcomes that arrive asynchronously (messages, background services).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || clock.Elapsed > limit)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Whether <paramref name="condition"/> came to hold within <paramref name="timeout"/>.</summary>
    public static Task<bool> Holds(Func<Task<bool>> condition, TimeSpan timeout) => UntilAsync(condition, holds => holds, timeout);

    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(
        HttpClient client, string path, Func<HttpResponseMessage, bool> done, TimeSpan? timeout = null)
    {
        var response = await UntilAsync(() => client.GetAsync(path), done, timeout);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
