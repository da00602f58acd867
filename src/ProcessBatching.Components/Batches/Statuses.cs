namespace ProcessBatching.Components.Batches;

public static class BatchStatuses
{
    public static readonly IReadOnlyCollection<string> All = ["PENDING", "IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_FAILURES"];
}

public static class ProcessStatuses
{
    public static readonly IReadOnlyCollection<string> All =
    [
        "PENDING", "IN_PROGRESS", "WAITING_FOR_REPLY", "WAITING_FOR_TSQ", "COMPENSATING",
        "COMPLETED", "COMPENSATED", "FAILED", "CANCELED",
    ];
}
