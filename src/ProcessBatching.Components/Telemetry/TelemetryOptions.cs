namespace ProcessBatching.Components.Telemetry;

/// <summary>Bound from the <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>How often the gauges' figures are read from the database (<c>Telemetry__GaugeInterval</c>).</summary>
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(15);
}
