using System.Diagnostics;
using Npgsql;
using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Observation;

/// <summary>
/// Watches one batch from its database, four times a second, for the whole scenario: processes per
/// status, the batch's status, and when any of them last changed. A read that fails (the database is
/// being restarted) is skipped; it is the service's recovery under test, not the suite's.
/// </summary>
public sealed class BatchProgress : IAsyncDisposable
{
    public static readonly IReadOnlySet<string> FinalProcessStatuses = new HashSet<string> { "COMPLETED", "COMPENSATED", "FAILED", "CANCELED" };
    public static readonly IReadOnlySet<string> FinalBatchStatuses = new HashSet<string> { "COMPLETED", "COMPLETED_WITH_FAILURES" };

    private readonly ScenarioServers _servers;
    private readonly Guid _batchId;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, long Finished)> _timeline = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _signature = "";
    private TimeSpan _lastChange;

    public BatchProgress(ScenarioServers servers, Guid batchId)
    {
        (_servers, _batchId) = (servers, batchId);
        _loop = Task.Run(LoopAsync);
    }

    public TimeSpan Now => _clock.Elapsed;
    public long Finished { get; private set; }
    public string BatchStatus { get; private set; } = "MISSING";
    public IReadOnlyDictionary<string, long> Statuses { get; private set; } = new Dictionary<string, long>();
    public TimeSpan SinceLastChange => _clock.Elapsed - _lastChange;
    public string? LastReadError { get; private set; }
    public bool IsFinal => FinalBatchStatuses.Contains(BatchStatus);

    public string Describe() => Statuses.Count == 0
        ? $"batch {BatchStatus}, no process counted (last read error: {LastReadError ?? "none"})"
        : $"batch {BatchStatus}; " + string.Join(", ", Statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"));

    /// <summary>
    /// A fault just ended: the stall clock starts again from here, so the time the broker or service was
    /// down does not count as the batch failing to move.
    /// </summary>
    public void FaultEnded() => _lastChange = _clock.Elapsed;

    /// <summary>Until <paramref name="fraction"/> of <paramref name="total"/> processes have finished; false when nothing changed for <paramref name="stall"/>.</summary>
    public async Task<bool> WaitFinishedAsync(double fraction, long total, TimeSpan stall)
    {
        while (Finished < fraction * total && !IsFinal)
        {
            if (SinceLastChange > stall)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Until the batch is final; false when nothing changed for <paramref name="stall"/> or <paramref name="deadline"/> passed.</summary>
    public async Task<bool> WaitFinalAsync(TimeSpan stall, TimeSpan deadline)
    {
        while (!IsFinal)
        {
            if (SinceLastChange > stall || _clock.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>How long after <paramref name="mark"/> the first process finished, if one did.</summary>
    public TimeSpan? MovedAfter(TimeSpan mark)
    {
        lock (_timeline)
        {
            var before = _timeline.LastOrDefault(sample => sample.At <= mark).Finished;
            var moved = _timeline.FirstOrDefault(sample => sample.At > mark && sample.Finished > before);
            return moved == default ? null : moved.At - mark;
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SampleAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database is down or the schema is not migrated yet: try again on the next tick.
                LastReadError = exception.Message;
            }

            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SampleAsync()
    {
        await using var connection = await _servers.OpenAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT status, count(*) FROM commandbus.process WHERE batch_id = $1 GROUP BY status") { Parameters = { new() { Value = _batchId } } },
                new("SELECT status FROM commandbus.batch WHERE batch_id = $1") { Parameters = { new() { Value = _batchId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        var statuses = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync();
        var batchStatus = await reader.ReadAsync() ? reader.GetString(0) : "MISSING";
        var signature = batchStatus + string.Concat(statuses.OrderBy(pair => pair.Key).Select(pair => $"|{pair.Key}={pair.Value}"));
        var finished = statuses.Where(pair => FinalProcessStatuses.Contains(pair.Key)).Sum(pair => pair.Value);
        if (signature != _signature)
        {
            (_signature, _lastChange) = (signature, _clock.Elapsed);
        }

        (Statuses, BatchStatus, Finished) = (statuses, batchStatus, finished);
        lock (_timeline)
        {
            _timeline.Add((_clock.Elapsed, finished));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
