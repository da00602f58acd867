namespace ProcessBatching.Faults.Servers;

/// <summary>The checkout the suite runs from: scripts and the artifacts folder are found from it.</summary>
public static class RepositoryRoot
{
    public static readonly string Path = Find();

    public static string Artifacts
    {
        get
        {
            var folder = System.IO.Path.Combine(Path, "artifacts", "faults");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "ProcessBatching.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException($"No ProcessBatching.sln above {AppContext.BaseDirectory}");
    }
}
