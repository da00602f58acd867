namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>Files of the repository the tests were built from (the directory holding ProcessBatching.sln).</summary>
public static class RepositoryFiles
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ProcessBatching.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException($"No ProcessBatching.sln above {AppContext.BaseDirectory}");
    }

    public static string Resolve(string relative) => System.IO.Path.Combine(Root(), relative);
}
