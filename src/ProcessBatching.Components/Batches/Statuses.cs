using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Batches;

public static class BatchStatuses
{
    public static readonly IReadOnlyCollection<string> All = ["PENDING", "IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_FAILURES"];
}

public static class ProcessStatuses
{
    public static readonly IReadOnlyCollection<string> All = ProcessStatus.All;
}
