namespace ProcessBatching.Benchmarks.Support;

/// <summary>"target ≥ 0.4: met" — printed beside a ratio; the run never fails on it.</summary>
public static class Verdict
{
    public static string AtLeast(double value, double target) => $"≥ {target:0.##}: {(value >= target ? "met" : "not met")}";

    public static string AtMost(double value, double target, string unit = "") =>
        $"≤ {target:0.##}{unit}: {(value <= target ? "met" : "not met")}";
}
