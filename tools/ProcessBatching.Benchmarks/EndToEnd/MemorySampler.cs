namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// Reads VmRSS and VmHWM from /proc/&lt;pid&gt;/status every 100 ms. VmHWM is the kernel's own peak,
/// so a spike between two samples is not missed.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemorySampler(int pid) => _sampling = SampleAsync($"/proc/{pid}/status", _stop.Token);

    public long PeakKb { get; private set; }
    public long CurrentKb { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(string path, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && File.Exists(path))
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(path, CancellationToken.None))
                {
                    if (line.StartsWith("VmRSS:"))
                    {
                        CurrentKb = Kilobytes(line);
                    }
                    else if (line.StartsWith("VmHWM:"))
                    {
                        PeakKb = Math.Max(PeakKb, Kilobytes(line));
                    }
                }

                await Task.Delay(100, stop);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
