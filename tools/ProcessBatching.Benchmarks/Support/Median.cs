using System.Diagnostics;

namespace ProcessBatching.Benchmarks.Support;

public static class Median
{
    /// <summary>Runs <paramref name="call"/> once to warm caches and plans, then <paramref name="times"/> more; the median in ms.</summary>
    public static async Task<double> OfAsync(int times, Func<Task> call)
    {
        await call();
        var samples = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return samples.Count % 2 == 1
            ? samples[samples.Count / 2]
            : (samples[samples.Count / 2 - 1] + samples[samples.Count / 2]) / 2;
    }
}
