using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ProcessBatching.Components.Telemetry;

/// <summary>
/// The service's own meter and activity source. Instrument names are the stable metric names of
/// DESIGN.md as the Prometheus exporter writes them (dots become underscores, counters end in
/// <c>_total</c>): <c>processbatching_processes_finished_total</c> and so on.
/// </summary>
public sealed class ProcessBatchingMetrics
{
    public const string MeterName = "ProcessBatching";
    public const string ActivitySourceName = "ProcessBatching";

    /// <summary>Spans of the service's own work that no library traces (the dispatch of a batch).</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private readonly Counter<long> _processesFinished;

    public ProcessBatchingMetrics(IMeterFactory meterFactory, OperationalFigures figures)
    {
        var meter = meterFactory.Create(MeterName);
        _processesFinished = meter.CreateCounter<long>("processbatching.processes.finished",
            description: "Processes that reached a final status on this replica, by status and process type");
        meter.CreateObservableGauge("processbatching.batches.open", () => figures.Read().OpenBatches,
            description: "Process batches PENDING or IN_PROGRESS");
        meter.CreateObservableGauge("processbatching.troubleshooting.processes", () => figures.Read().TroubleshootingProcesses,
            description: "Processes waiting in the troubleshooting queue (WAITING_FOR_TSQ)");
        meter.CreateObservableGauge("processbatching.outbox.oldest_age_seconds", () => figures.Read().OutboxOldestAgeSeconds, unit: "s",
            description: "Age of the oldest undelivered, due outbox message");
        meter.CreateObservableGauge("processbatching.dispatch.lag_seconds", () => figures.Read().DispatchLagSeconds, unit: "s",
            description: "Age of the oldest PENDING process of an open, unpaused batch");
    }

    public void ProcessFinished(string status, string processType) =>
        _processesFinished.Add(1, new("status", status), new("process_type", processType));
}
