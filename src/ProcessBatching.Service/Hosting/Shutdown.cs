namespace ProcessBatching.Service.Hosting;

/// <summary>
/// What SIGTERM does, in order, and how long each part may take. The outbox delivery stops
/// claiming, finishes the sends under way and flushes what is due (up to 10 s); the bus stops
/// taking messages and lets those in flight finish (<see cref="ConsumersFinish"/>; after that they
/// are cancelled, their transactions roll back and the broker redelivers them); the host waits
/// for all of it (<see cref="HostStops"/>). An orchestrator must allow a little more:
/// <c>terminationGracePeriodSeconds: 60</c>.
/// </summary>
public static class Shutdown
{
    public static readonly TimeSpan ConsumersFinish = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan BusStops = TimeSpan.FromSeconds(25);
    public static readonly TimeSpan HostStops = TimeSpan.FromSeconds(50);
}
