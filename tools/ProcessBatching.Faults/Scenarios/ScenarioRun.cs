using ProcessBatching.Faults.Observation;
using ProcessBatching.Faults.Servers;
using ProcessBatching.Faults.Service;

namespace ProcessBatching.Faults.Scenarios;

/// <summary>
/// One scenario while it runs: its servers and log, its replicas, its batch and the faults injected so
/// far. Scenarios drive it; the runner checks the invariants afterwards.
/// </summary>
public sealed class ScenarioRun(string name, FaultOptions options, ScenarioServers servers, ScenarioLog log) : IAsyncDisposable
{
    private readonly List<ServiceReplica> _replicas = [];
    private readonly List<FaultMark> _faults = [];

    public string Name => name;
    public FaultOptions Options => options;
    public ScenarioServers Servers => servers;
    public ScenarioLog Log => log;
    public Guid BatchId { get; } = Guid.NewGuid();
    public BatchProgress? Progress { get; private set; }
    public IReadOnlyList<FaultMark> Faults => _faults;
    public IReadOnlyList<ServiceReplica> Replicas => _replicas;

    /// <summary>What the scenario wants said on its line (say, how many commands a purge lost).</summary>
    public List<string> Notes { get; } = [];

    public void Note(string note) => Notes.Add(note);

    /// <summary>Set when the batch stopped moving before every fault was injected.</summary>
    public string? StalledAt { get; private set; }

    /// <summary>A replica with the suite's settings: short step timeout, few processes in flight, the given roles.</summary>
    public ServiceReplica Replica(string replicaName, string? roles = null)
    {
        var configuration = new Dictionary<string, string>(servers.ServiceConfiguration())
        {
            ["Processes__StepTimeout"] = FaultOptions.StepTimeout.ToString("c"),
            ["Processes__StepAttempts"] = FaultOptions.StepAttempts.ToString(),
            ["ProcessBatches__MaxInFlightPerBatch"] = FaultOptions.MaxInFlightPerBatch.ToString(),
            // The dispatcher checks the in-flight bound per chunk (500 by default): small chunks keep the bound.
            ["ProcessBatches__DispatchChunkSize"] = FaultOptions.DispatchChunkSize.ToString(),
            // A wedged consumer is found and, failing all else, the service restarted within the stall bound.
            ["Watchdog__ProbeInterval"] = "00:00:02",
            ["Watchdog__DeadAfter"] = "00:00:06",
            ["Watchdog__UnhealthyAfter"] = "00:00:20",
        };
        if (roles is not null)
        {
            configuration["Roles"] = roles;
        }

        var replica = new ServiceReplica(replicaName, configuration, log);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Binds the completion queue, then posts the batch through <paramref name="via"/> and starts watching it.</summary>
    public async Task StartBatchAsync(ServiceReplica via)
    {
        await CompletionQueue.BindAsync(servers.VirtualHost);
        await FaultBatch.PostAsync(via.Client, BatchId, name, options);
        log.Suite($"batch {BatchId} of {options.Processes} processes posted");
        Progress = new BatchProgress(servers, BatchId);
    }

    /// <summary>
    /// Waits until <paramref name="fraction"/> of the processes finished, so the next fault lands mid-batch.
    /// False (and the scenario stops injecting) when the batch stopped moving.
    /// </summary>
    public async Task<bool> ReachedAsync(double fraction)
    {
        var progress = Progress ?? throw new InvalidOperationException("No batch yet");
        if (await progress.WaitFinishedAsync(fraction, options.Processes, options.StallTimeout))
        {
            return true;
        }

        StalledAt = $"stopped moving before {fraction:P0} finished: {progress.Describe()}";
        log.Suite(StalledAt);
        return false;
    }

    /// <summary>Injects one fault and records when it began and when <paramref name="recover"/> ended it.</summary>
    public async Task FaultAsync(string what, Func<Task> inject, Func<Task> recover)
    {
        var progress = Progress ?? throw new InvalidOperationException("No batch yet");
        var began = progress.Now;
        log.Suite($"fault {_faults.Count + 1}: {what} at {progress.Describe()}");
        await inject();
        await recover();
        progress.FaultEnded();
        _faults.Add(new FaultMark(what, began, progress.Now));
        log.Suite($"fault {_faults.Count} over after {(progress.Now - began).TotalSeconds:F1} s");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        if (Progress is not null)
        {
            await Progress.DisposeAsync();
        }
    }
}
