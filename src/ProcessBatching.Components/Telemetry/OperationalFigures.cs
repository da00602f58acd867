namespace ProcessBatching.Components.Telemetry;

/// <summary>
/// The latest figures read from the database by <see cref="OperationalFiguresReader"/>; the gauges
/// report them, so a scrape never runs a query.
/// </summary>
public sealed class OperationalFigures
{
    private volatile Snapshot _latest = new(0, 0, 0, 0);

    public Snapshot Read() => _latest;

    public void Update(Snapshot snapshot) => _latest = snapshot;

    public sealed record Snapshot(long OpenBatches, long TroubleshootingProcesses, double OutboxOldestAgeSeconds, double DispatchLagSeconds);
}
