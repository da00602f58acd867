namespace ProcessBatching.Integration.Tests.Support;

/// <summary>The service's configuration with a watchdog that probes every second, heals after five and gives up after thirty, so a spec sees it act within seconds.</summary>
public static class FastWatchdog
{
    public static IReadOnlyDictionary<string, string?> Configuration(IntegrationFixture fixture) =>
        new Dictionary<string, string?>(fixture.ServiceConfiguration())
        {
            ["Watchdog:ProbeInterval"] = "00:00:01",
            ["Watchdog:DeadAfter"] = "00:00:05",
            ["Watchdog:UnhealthyAfter"] = "00:00:30",
        };
}
