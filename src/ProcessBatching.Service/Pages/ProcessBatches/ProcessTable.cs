using ProcessBatching.Components.Batches;
using ProcessBatching.Service.Pages.Shared;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>One page of a batch's processes, as the batch page shows it and re-fetches it while the batch runs.</summary>
public sealed record ProcessTable(Paged<ProcessSummary> Processes, string? Status)
{
    public Pager Pager => new("Process pages", Processes.Page, Processes.PageCount, Processes.TotalCount, Status);
}
