namespace ProcessBatching.Benchmarks.EndToEnd;

/// <summary>
/// Where the service's own build output is: this tool references the service project, so building
/// the tool built it, in the same configuration, next to its project.
/// </summary>
public static class ServiceBuild
{
    /// <summary>Another build of the service to run instead (for a before/after comparison in one sitting).</summary>
    public const string Override = "PB_BENCH_SERVICE_DLL";

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Override) is { Length: > 0 } other)
        {
            return File.Exists(other) ? other : throw new FileNotFoundException($"{Override}={other} does not exist.");
        }

        var output = AppContext.BaseDirectory; // …/tools/ProcessBatching.Benchmarks/bin/<Configuration>/<tfm>/
        var framework = new DirectoryInfo(output).Name;
        var configuration = new DirectoryInfo(output).Parent!.Name;
        var root = new DirectoryInfo(output);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ProcessBatching.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null
            ? null
            : Path.Combine(root.FullName, "src", "ProcessBatching.Service", "bin", configuration, framework, "ProcessBatching.Service.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"ProcessBatching.Service.dll not found (looked for {dll ?? "ProcessBatching.sln above " + output}).");
    }
}
