namespace ProcessBatching.Components;

/// <summary>The <c>domain</c> column of this service's batches, processes and commands.</summary>
public static class ProcessDomain
{
    public const string Name = "reporting";
}
