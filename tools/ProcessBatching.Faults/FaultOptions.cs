namespace ProcessBatching.Faults;

/// <summary>
/// How big each scenario's batch is and how long the suite waits. <c>--quick</c> (CI) runs a few hundred
/// processes per scenario; the full run thousands. Step durations pace the batch so that every fault
/// lands while the batch is still moving.
/// </summary>
public sealed record FaultOptions(
    bool Quick,
    int Processes,
    int MinStepMs,
    int MaxStepMs,
    TimeSpan StallTimeout,
    TimeSpan ScenarioTimeout,
    TimeSpan WrongOrderPause,
    IReadOnlySet<string> Only)
{
    public const string Usage = "dotnet run -c Release --project tools/ProcessBatching.Faults -- [--quick] [--only name,name] [--processes n]";

    /// <summary>Short, so a lost command comes back within seconds (the purge scenario relies on it).</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Generous: a broker restart takes ~20 s here, and a process must not land in the troubleshooting queue for it.</summary>
    public const int StepAttempts = 6;

    /// <summary>
    /// Processes in flight per batch: few enough that a step command never waits in its queue longer
    /// than the short step timeout, so a resend means a lost command, not a slow one.
    /// </summary>
    public const int MaxInFlightPerBatch = 40;

    public const int DispatchChunkSize = 20;

    /// <summary>
    /// Transient failures on every step, retried in process (one attempt and three retries). Rare
    /// enough that a command failing all four attempts by chance (1 in 10^8) never parks a process
    /// in the troubleshooting queue during a run; at 3 % that chance was 1 in 300 suite runs.
    /// </summary>
    public const int TransientFailurePercent = 1;

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static FaultOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new FaultOptions(true, 200, 20, 100, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10), new HashSet<string>())
            : new FaultOptions(false, 3_000, 20, 80, TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), new HashSet<string>());
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options,
                "--only" when i + 1 < args.Count => options with { Only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() },
                "--processes" when i + 1 < args.Count => options with { Processes = int.Parse(args[++i]) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: {Usage}"),
            };
        }

        return options;
    }
}
