using System.Diagnostics;
using ProcessBatching.Faults.Observation;
using ProcessBatching.Faults.Scenarios;
using ProcessBatching.Faults.Servers;
using ProcessBatching.Faults.Service;

namespace ProcessBatching.Faults;

/// <summary>
/// Runs one scenario on a fresh database and virtual host: drives its faults, waits (bounded) for the
/// batch to finish, checks the invariants, stops its replicas. A passed scenario's database and virtual
/// host are dropped; a failed one's are kept for reading until the next run.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, FaultOptions options)
    {
        var clock = Stopwatch.StartNew();
        var servers = await ScenarioServers.CreateAsync(scenario.Name);
        using var log = new ScenarioLog(scenario.Name);
        var evidence = new List<string>();
        var (summary, recovery) = ("", "");
        await using (var run = new ScenarioRun(scenario.Name, options, servers, log))
        {
            try
            {
                await scenario.DriveAsync(run);
            }
            catch (Exception exception)
            {
                log.Suite($"scenario failed to run: {exception}");
                evidence.Add($"could not run the scenario: {exception.GetType().Name}: {exception.Message}");
            }

            if (run.StalledAt is not null)
            {
                evidence.Add($"not every fault injected: the batch {run.StalledAt}");
            }

            if (run.Progress is { } progress)
            {
                var final = await progress.WaitFinalAsync(options.StallTimeout, options.ScenarioTimeout);
                var finishedAt = progress.Now;
                log.Suite(final ? $"batch final: {progress.Describe()}" : $"gave up waiting: {progress.Describe()}");
                recovery = Recovery(run, final ? finishedAt : null);
                try
                {
                    var report = await BatchInvariants.CheckAsync(servers, run.Replicas[0].Client, run.BatchId, options.Processes, progress);
                    summary = string.Join(", ", [$"{options.Processes} processes: {report.Summary}", .. run.Notes]);
                    evidence.AddRange(report.Broken);
                }
                catch (Exception exception)
                {
                    evidence.Add($"could not check the invariants: {exception.GetType().Name}: {exception.Message}");
                }

                if (!final)
                {
                    evidence.Add($"no process changed status for {progress.SinceLastChange.TotalSeconds:F0} s");
                    evidence.AddRange(await StuckEvidence.DescribeAsync(servers, run.Replicas));
                }
            }
        }

        foreach (var line in evidence)
        {
            log.Suite($"FAIL: {line}");
        }

        if (evidence.Count == 0)
        {
            await servers.DropAsync();
        }

        return new ScenarioResult(scenario.Name, scenario.Fault, evidence.Count == 0, summary, recovery, evidence, clock.Elapsed, log.Path);
    }

    /// <summary>
    /// For each fault, how long after it ended the first process finished; then how long after the last
    /// fault the batch was final.
    /// </summary>
    private static string Recovery(ScenarioRun run, TimeSpan? finishedAt)
    {
        if (run.Faults.Count == 0)
        {
            return "no fault injected";
        }

        // A batch may finish as a fault ends (the last processes done while the old replica shut down).
        var moved = run.Faults.Select(fault => run.Progress!.MovedAfter(fault.Ended) is { } after ? $"{after.TotalSeconds:F1} s"
            : finishedAt is not null ? "nothing left to move" : "never").ToList();
        var finished = finishedAt is { } at
            ? at <= run.Faults[^1].Ended ? "finished before the last fault ended" : $"finished {(at - run.Faults[^1].Ended).TotalSeconds:F1} s after the last fault"
            : "never finished";
        return $"{run.Faults.Count} faults, moved again after {string.Join(" / ", moved)}, {finished}";
    }
}
