namespace ProcessBatching.Components.Batches;

/// <summary>The accounts of a templated batch's process: one to three per process, fixed by its index.</summary>
public static class DemoAccounts
{
    public static IReadOnlyList<string> For(int index) =>
        Enumerable.Range(0, 1 + index % 3).Select(n => $"ACC-{(index * 3 + n) % 10_000_000:D7}").ToArray();
}
