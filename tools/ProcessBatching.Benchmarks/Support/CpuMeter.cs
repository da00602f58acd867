using System.Net.Http.Json;
using System.Text.Json;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// CPU seconds spent by three process trees between two snapshots, from /proc/[pid]/stat: the service
/// process (by its pid), PostgreSQL (the postmaster of the run's server and its backends) and RabbitMQ
/// (the node's beam.smp and its helpers). Each tree's own processes only, never others matched by name
/// across the machine. Children that exited in between still count through their parent's cutime and
/// cstime; another user of the same PostgreSQL or RabbitMQ server counts too, and the report says so.
/// </summary>
public sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly IReadOnlyDictionary<string, int> _roots;

    private CpuMeter(IReadOnlyDictionary<string, int> roots) => _roots = roots;

    /// <summary>Finds the PostgreSQL postmaster (parent of this connection's backend) and the RabbitMQ node's pid.</summary>
    public static async Task<CpuMeter> ForAsync(int servicePid, BenchmarkServers servers)
    {
        var roots = new Dictionary<string, int> { ["service"] = servicePid };
        await using (var connection = await servers.OpenAsync())
        {
            await using var command = new Npgsql.NpgsqlCommand("SELECT pg_backend_pid()", connection);
            var backend = (int)(await command.ExecuteScalarAsync())!;
            if (ReadStat(backend) is { } stat)
            {
                roots["postgresql"] = stat.ParentPid;
            }
        }

        using var management = servers.ManagementClient();
        var nodes = await management.GetFromJsonAsync<JsonElement>("api/nodes");
        foreach (var node in nodes.EnumerateArray())
        {
            if (node.TryGetProperty("os_pid", out var pid) && int.TryParse(pid.GetString(), out var beam))
            {
                roots["rabbitmq"] = beam;
            }
        }

        return new CpuMeter(roots);
    }

    /// <summary>Which pid each tree is rooted at, for the report.</summary>
    public string Roots => string.Join(", ", _roots.Select(pair => $"{pair.Key} pid {pair.Value}"));

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        var seconds = _roots.Keys.ToDictionary(name => name, _ => 0.0);
        if (!OperatingSystem.IsLinux())
        {
            return seconds;
        }

        var stats = new Dictionary<int, (int ParentPid, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ReadStat(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }

        foreach (var (pid, stat) in stats)
        {
            foreach (var (name, root) in _roots)
            {
                if (IsInTree(pid, root, stats))
                {
                    seconds[name] += stat.Ticks / TicksPerSecond;
                }
            }
        }

        return seconds;
    }

    /// <summary>"service 1.20 cores, postgresql 0.50 cores, rabbitmq 0.30 cores" over <paramref name="elapsed"/>.</summary>
    public static string Describe(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, TimeSpan elapsed) =>
        string.Join(", ", after.Select(pair =>
            $"{pair.Key} {(pair.Value - before.GetValueOrDefault(pair.Key)) / Math.Max(elapsed.TotalSeconds, 0.001):F2} cores"));

    private static bool IsInTree(int pid, int root, Dictionary<int, (int ParentPid, long Ticks)> stats)
    {
        for (var depth = 0; depth < 64 && pid > 1; depth++)
        {
            if (pid == root)
            {
                return true;
            }

            pid = stats.TryGetValue(pid, out var stat) ? stat.ParentPid : 0;
        }

        return false;
    }

    private static (int ParentPid, long Ticks)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After "(comm) ": state, ppid, ...; utime, stime, cutime, cstime (fields 14–17) sit at 11–14.
            return (int.Parse(fields[1]),
                long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // the process ended while we read
        }
    }
}
