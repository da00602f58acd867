using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Support;

public static class Requests
{
    public static StatementReportRequest Statement(ProcessBehavior? behavior = null) =>
        new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ["ACC-001", "ACC-002"], "pdf", behavior ?? ProcessBehavior.None);
}
