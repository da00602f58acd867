using System.Diagnostics;
using ProcessBatching.Faults.Scenarios;
using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults;

/// <summary>
/// The fault suite: each scenario breaks the service, the broker or the database mid-batch on the
/// suite's own servers, then checks that the batch still ends as it should. One line per scenario;
/// the exit code is 1 when any scenario fails.
/// </summary>
public static class FaultSuite
{
    private static readonly Scenario[] Scenarios =
    [
        ServiceKill.Scenario,
        BrokerRestart.Scenario,
        DatabaseRestart.Scenario,
        DatabaseRestart.Outage,
        StepQueuePurge.Scenario,
        Sigterm.Scenario,
        WrongOrderReplicas.Scenario,
    ];

    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var options = FaultOptions.Parse(args);
        var unknown = options.Only.Except(Scenarios.Select(scenario => scenario.Name)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown scenario {string.Join(", ", unknown)}; scenarios: {string.Join(", ", Scenarios.Select(s => s.Name))}");
            return 2;
        }

        await FaultServices.StartAsync();
        var header = $"Fault suite ({(options.Quick ? "quick" : "full")}), commit {await CommitAsync()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: " +
            $"{options.Processes} processes per scenario, steps {options.MinStepMs}-{options.MaxStepMs} ms with {FaultOptions.TransientFailurePercent} % transient failures, " +
            $"step timeout {FaultOptions.StepTimeout.TotalSeconds:F0} s × {FaultOptions.StepAttempts}; PostgreSQL :{FaultServices.PostgresPort}, RabbitMQ :{FaultServices.AmqpPort}";
        Console.WriteLine(header);
        var results = new List<ScenarioResult>();
        foreach (var scenario in Scenarios.Where(scenario => options.Runs(scenario.Name)))
        {
            var result = await ScenarioRunner.RunAsync(scenario, options);
            results.Add(result);
            Console.WriteLine(result.Line);
            foreach (var evidence in result.Evidence)
            {
                Console.WriteLine($"    {evidence}");
            }

            if (!result.Passed)
            {
                Console.WriteLine($"    log: {Path.GetRelativePath(RepositoryRoot.Path, result.LogPath)}");
            }
        }

        var failed = results.Count(result => !result.Passed);
        Console.WriteLine($"{results.Count - failed} passed, {failed} failed");
        await File.WriteAllTextAsync(Path.Combine(RepositoryRoot.Artifacts, "last-run.md"), ResultTable.Markdown(header, results));
        return failed == 0 ? 0 : 1;
    }

    private static async Task<string> CommitAsync()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", RepositoryRoot.Path, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true };
            using var git = Process.Start(start)!;
            var commit = (await git.StandardOutput.ReadToEndAsync()).Trim();
            await git.WaitForExitAsync();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
