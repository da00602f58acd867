namespace ProcessBatching.Persistence.Redelivery;

/// <summary>Bound from <c>Redelivery</c> (<c>Redelivery__Intervals__0</c>, ...).</summary>
public sealed class DurableRedeliveryOptions
{
    public const string Section = "Redelivery";

    /// <summary>
    /// The wait before each redelivery of a message that failed on the infrastructure; one try per
    /// interval, then the message goes to its queue's <c>_error</c> queue. The default spans about
    /// twenty minutes, longer than a database restart or fail-over.
    /// </summary>
    public TimeSpan[] Intervals { get; set; } =
    [
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
    ];

    /// <summary>How long to keep trying to write the redelivery itself while the database does not answer.</summary>
    public TimeSpan ScheduleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
