namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// CPU seconds spent by the service, PostgreSQL and RabbitMQ between two snapshots, from
/// /proc/[pid]/stat. Children's time (cutime, cstime) is included, so PostgreSQL backends that exited
/// in between still count through the postmaster. Other users of the same servers count too.
/// </summary>
public sealed class CpuMeter(int servicePid)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        var seconds = new Dictionary<string, double> { ["service"] = 0, ["postgresql"] = 0, ["rabbitmq"] = 0 };
        if (!OperatingSystem.IsLinux())
        {
            return seconds;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ReadStat(directory) is not { } stat)
            {
                continue;
            }

            var group = pid == servicePid ? "service"
                : stat.Command == "postgres" ? "postgresql"
                : stat.Command is "beam.smp" or "erl_child_setup" or "inet_gethost" ? "rabbitmq"
                : null;
            if (group is not null)
            {
                seconds[group] += stat.Ticks / TicksPerSecond;
            }
        }

        return seconds;
    }

    /// <summary>"service 1.2 cores, postgresql 0.5, rabbitmq 0.3" over <paramref name="elapsed"/>.</summary>
    public static string Describe(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, TimeSpan elapsed) =>
        string.Join(", ", after.Select(pair =>
            $"{pair.Key} {(pair.Value - before.GetValueOrDefault(pair.Key)) / Math.Max(elapsed.TotalSeconds, 0.001):F2} cores"));

    private static (string Command, long Ticks)? ReadStat(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, "stat"));
            var open = text.IndexOf('(');
            var close = text.LastIndexOf(')');
            var fields = text[(close + 2)..].Split(' ');
            // After "(comm) ": state is field 3, so utime, stime, cutime, cstime (fields 14–17) sit at 11–14.
            return (text[(open + 1)..close], long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]));
        }
        catch (IOException)
        {
            return null; // the process ended while we read
        }
    }
}
