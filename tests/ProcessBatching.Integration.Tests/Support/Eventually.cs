using System.Diagnostics;
using System.Net;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// Bounded polling for outcomes that arrive asynchronously (messages, background services). A wait
/// that runs out throws with what it last saw: a spec never goes on with a value that is not the one
/// it waited for.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The probe's value once <paramref name="done"/> holds for it; throws <see cref="TimeoutException"/> otherwise.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? waitingFor = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException(
                    $"Waited {limit.TotalSeconds:0.#} s{(waitingFor is null ? "" : $" for {waitingFor}")}; last saw: {Describe(value)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="waitingFor"/> otherwise.</summary>
    public static Task Holds(Func<Task<bool>> condition, TimeSpan timeout, string waitingFor) =>
        UntilAsync(condition, holds => holds, timeout, waitingFor);

    /// <summary>The response once <paramref name="done"/> holds for it; throws with its status and body otherwise.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(
        HttpClient client, string path, Func<HttpResponseMessage, bool> done, TimeSpan? timeout = null)
    {
        var answer = await UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(path);
                return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), done(response));
            },
            last => last.Done,
            timeout,
            $"GET {path}");
        return (answer.Status, answer.Body);
    }

    private sealed record Answer(HttpStatusCode Status, string Body, bool Done)
    {
        public override string ToString() => $"{(int)Status} {Status}: {Body}";
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Select(x => x?.ToString()))}]",
        _ => value.ToString() ?? "",
    };
}
