namespace ProcessBatching.Benchmarks;

/// <summary>
/// What one run measures and how big. <c>--quick</c> shrinks every size so the whole run stays short
/// (CI runs it); <c>--sizes p1=…,p2=…/…,p3=small/large,p4=…,p5=…,p6=…,ceiling=…</c> overrides any of them;
/// <c>--only ceiling,p1,p2,p3,p4,p5,p6</c> runs a subset (P1's ratios need the ceiling in the same run);
/// <c>--timeout</c> bounds each end-to-end wait (seconds); <c>--explain</c> adds the query plans of P2 and
/// P4 to the notes.
/// </summary>
public sealed record BenchmarkOptions(
    bool Quick,
    int CeilingMessages,
    int P1Processes,
    IReadOnlyList<int> P2Rows,
    IReadOnlyList<int> P3Posts,
    int P4Rows,
    int P5Processes,
    int P6Processes,
    IReadOnlySet<string> Only,
    bool Explain,
    TimeSpan StartTimeout,
    TimeSpan StallTimeout,
    TimeSpan EndToEndTimeout)
{
    public const string Usage =
        "dotnet run -c Release --project tools/ProcessBatching.Benchmarks -- [--quick] " +
        "[--sizes p1=10000,p2=10000/100000/1000000,p3=100000/1000000,p4=1000000,p5=100000,p6=1000000,ceiling=5000] " +
        "[--only ceiling,p1,p2,p3,p4,p5,p6] [--timeout seconds] [--explain]";

    /// <summary>How often P6 reads the batch page, the batch API, memory and queue depths.</summary>
    public TimeSpan P6SampleEvery => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    public bool Runs(string figure) => Only.Count == 0 || Only.Contains(figure);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var options = quick
            ? new BenchmarkOptions(true, 2_000, 1_000, [10_000, 100_000], [1_000, 10_000], 100_000, 2_000, 1_000, new HashSet<string>(), false,
                TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40))
            : new BenchmarkOptions(false, 5_000, 10_000, [10_000, 100_000, 1_000_000], [100_000, 1_000_000], 1_000_000, 100_000, 1_000_000,
                new HashSet<string>(), false, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromHours(4));

        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options,
                "--explain" => options with { Explain = true },
                "--sizes" when i + 1 < args.Count => WithSizes(options, args[++i]),
                "--only" when i + 1 < args.Count => options with { Only = args[++i].Split(',').ToHashSet() },
                "--timeout" when i + 1 < args.Count => options with { EndToEndTimeout = TimeSpan.FromSeconds(int.Parse(args[++i])) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: {Usage}"),
            };
        }

        return options;
    }

    private static BenchmarkOptions WithSizes(BenchmarkOptions options, string sizes)
    {
        foreach (var pair in sizes.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (pair.Split('=')[0], pair.Split('=').ElementAtOrDefault(1) ?? "");
            options = key switch
            {
                "ceiling" => options with { CeilingMessages = int.Parse(value) },
                "p1" => options with { P1Processes = int.Parse(value) },
                "p2" => options with { P2Rows = value.Split('/').Select(int.Parse).ToList() },
                "p3" => options with { P3Posts = value.Split('/').Select(int.Parse).ToList() },
                "p4" => options with { P4Rows = int.Parse(value) },
                "p5" => options with { P5Processes = int.Parse(value) },
                "p6" => options with { P6Processes = int.Parse(value) },
                _ => throw new ArgumentException($"Unknown size '{key}'. Usage: {Usage}"),
            };
        }

        return options;
    }
}
