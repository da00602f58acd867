using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProcessBatching.Benchmarks.Support;
using ProcessBatching.Persistence.Outbox;
using ProcessBatching.Persistence.Sagas;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>
/// What the broker alone (no-op consumer) and the broker plus the saga repository (trivial saga)
/// can carry on this machine: the yardsticks P1 is compared with.
/// </summary>
public sealed class CeilingBenchmark(BenchmarkServers servers, BenchmarkOptions options, ResultTable table)
{
    /// <summary>
    /// Warm-up rounds of a quarter of the measured messages each, not counted. In a fresh process here the
    /// cost per message fell round by round, 0.60 → 0.25 → 0.15 → 0.08 ms, with plateaus of two or three
    /// rounds between (so no "it stopped falling" rule holds), and reached its floor by the 13th.
    /// </summary>
    private const int WarmUpRounds = 16;

    private readonly List<NoOpRun> _noOpRuns = [];

    /// <summary>Saga messages per second of the trivial saga, or null when it could not run.</summary>
    public double? SagaMessagesPerSecond { get; private set; }

    /// <summary>Messages per second through the no-op consumer, the mean of its runs; null when none finished.</summary>
    public double? NoOpMessagesPerSecond => _noOpRuns.Count == 0 ? null : _noOpRuns.Average(run => run.MessagesPerSecond);

    /// <summary>
    /// CPU seconds of the tool's process per message, publishing (with confirms) and consuming it: what
    /// one broker message costs a .NET process that sends and receives it and does nothing else — the
    /// service sends (outbox) and receives every message it handles. The mean of the no-op's runs.
    /// </summary>
    public double? NoOpCpuPerMessage => _noOpRuns.Count == 0 ? null : _noOpRuns.Average(run => run.CpuPerMessage);

    /// <summary>Each no-op run's figures, for a ratio's note: "3,182 and 2,949 messages/s".</summary>
    public string DescribeNoOpRuns(Func<NoOpRun, string> figure) => string.Join(" and ", _noOpRuns.Select(figure));

    public async Task RunAsync()
    {
        await NoOpConsumerAsync("no-op consumer");
        await TrivialSagaAsync();
    }

    /// <summary>
    /// The no-op consumer once more, after the run that is compared with it (P1): one run of it moved by a
    /// fifth within the hour on this shared host, so P1's ratios take the mean of a run before and one after.
    /// Nothing when the first run did not finish (no yardstick in this run).
    /// </summary>
    public async Task RunNoOpAgainAsync(string when)
    {
        if (_noOpRuns.Count > 0)
        {
            await NoOpConsumerAsync($"no-op consumer, again {when}");
        }
    }

    private async Task NoOpConsumerAsync(string name)
    {
        // The yardstick of P1's ratios: four times the saga's message count, so that it runs for
        // seconds rather than one (a one-second window moved it by a third between runs here).
        var count = options.CeilingMessages * 4;
        var counter = new ArrivalCounter();
        await using var bus = await CeilingBus.StartAsync(servers, s => s.AddSingleton(counter), r => r.AddConsumer<NoOpConsumer>());

        // Warm-up rounds first: P1 measures the service warm, so its yardstick is measured warm too. In a
        // cold process the tiered JIT's re-compiling counts to every message, up to eight times what a warm
        // one costs.
        var warmUpSize = Math.Max(count / 4, 500);
        var warmUps = new List<NoOpRound>();
        NoOpRound round;
        do
        {
            round = await RoundAsync(bus, counter, warmUpSize);
            warmUps.Add(round);
        }
        while (round.Finished && warmUps.Count < WarmUpRounds);

        var measured = round.Finished ? await RoundAsync(bus, counter, count) : round;
        if (!measured.Finished)
        {
            table.Add(Figure.NotMeasured("ceiling", $"{name}, messages/s", "", $"timed out: {counter.Arrived}/{counter.Expected} consumed (warm-up included)"));
            return;
        }

        var run = new NoOpRun(measured.MessagesPerSecond, measured.CpuPerMessage);
        _noOpRuns.Add(run);
        table.Add(Figure.Measured("ceiling", $"{name}, messages/s", $"{run.MessagesPerSecond:F0}",
            note: $"{count} messages published (with confirms) and consumed by one process in {measured.Elapsed.TotalSeconds:F1} s, " +
                  $"after {warmUps.Count} warm-up round(s) of {warmUpSize} not counted (the first: {warmUps[0].MessagesPerSecond:F0} messages/s)"));
        table.Add(Figure.Measured("ceiling", $"{name}, CPU per message (publish + consume, the tool's process)",
            $"{run.CpuPerMessage * 1000:F2} ms",
            note: $"{measured.Cpu.TotalSeconds:F1} CPU s for {count} messages; the warm-up rounds: " +
                  string.Join(", ", warmUps.Select(warmUp => $"{warmUp.CpuPerMessage * 1000:F2}")) + " ms"));
    }

    /// <summary>One round: <paramref name="count"/> pings published and consumed, timed, with the process's CPU.</summary>
    private async Task<NoOpRound> RoundAsync(CeilingBus bus, ArrivalCounter counter, int count)
    {
        var messages = Enumerable.Range(0, count).Select(_ => new CeilingPing(Guid.NewGuid())).ToList();
        var arrived = counter.ExpectMore(count);
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await bus.PublishAllAsync(messages);
        var finished = await Task.WhenAny(arrived, Task.Delay(options.EndToEndTimeout)) == arrived;
        clock.Stop();
        self.Refresh();
        return new NoOpRound(count, finished, clock.Elapsed, self.TotalProcessorTime - cpuBefore);
    }

    private async Task TrivialSagaAsync()
    {
        const string what = "trivial saga on the PostgreSQL saga repository, saga messages/s";
        await using (var connection = await servers.OpenAsync())
        {
            await TrivialSagaDbContext.CreateTableAsync(connection);
        }

        await using var bus = await CeilingBus.StartAsync(servers,
            s => s.AddDbContext<TrivialSagaDbContext>(db => db.UseNpgsql(servers.ConnectionString)),
            r =>
            {
                r.AddPostgresOutbox<TrivialSagaDbContext>();
                r.AddSagaStateMachine<TrivialSagaStateMachine, TrivialSagaState, TrivialSagaDefinition>()
                    .PostgresRepository<TrivialSagaState, TrivialSagaDbContext>();
                r.AddConsumer<TrivialWorker, TrivialWorkerDefinition>();
            });

        var sagas = options.CeilingMessages / 2;
        var clock = Stopwatch.StartNew();
        await bus.PublishAllAsync(Enumerable.Range(0, sagas).Select(_ => new TrivialStart(NewId.NextGuid())).ToList());
        var done = await WaitForDoneAsync(sagas);
        clock.Stop();
        if (done < sagas)
        {
            table.Add(Figure.NotMeasured("ceiling", what, "", $"timed out: {done}/{sagas} sagas done in {clock.Elapsed.TotalSeconds:F0} s"));
            return;
        }

        SagaMessagesPerSecond = 2 * sagas / clock.Elapsed.TotalSeconds;
        table.Add(Figure.Measured("ceiling", what, $"{SagaMessagesPerSecond:F0}",
            note: $"{sagas} sagas × 2 messages in {clock.Elapsed.TotalSeconds:F1} s ({sagas / clock.Elapsed.TotalSeconds:F0} sagas/s)"));
    }

    private async Task<long> WaitForDoneAsync(int sagas)
    {
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed < options.EndToEndTimeout)
        {
            await using var connection = await servers.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM bench_ceiling.trivial_saga WHERE current_state = 'Done'", connection);
            done = (long)(await command.ExecuteScalarAsync())!;
            if (done >= sagas)
            {
                break;
            }

            await Task.Delay(100);
        }

        return done;
    }

    /// <summary>One run of the no-op consumer: messages per second, and CPU seconds of the tool's process per message.</summary>
    public sealed record NoOpRun(double MessagesPerSecond, double CpuPerMessage);

    private sealed record NoOpRound(int Messages, bool Finished, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

        public double CpuPerMessage => Cpu.TotalSeconds / Messages;
    }
}
