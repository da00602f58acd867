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
    /// <summary>Saga messages per second of the trivial saga, or null when it could not run.</summary>
    public double? SagaMessagesPerSecond { get; private set; }

    /// <summary>Messages per second through the no-op consumer, or null when it could not run.</summary>
    public double? NoOpMessagesPerSecond { get; private set; }

    /// <summary>
    /// CPU seconds of the tool's process per message, publishing (with confirms) and consuming it: what
    /// one broker message costs a .NET process that sends and receives it and does nothing else — the
    /// service sends (outbox) and receives every message it handles.
    /// </summary>
    public double? NoOpCpuPerMessage { get; private set; }

    public async Task RunAsync()
    {
        await NoOpConsumerAsync();
        await TrivialSagaAsync();
    }

    private async Task NoOpConsumerAsync()
    {
        // A warm-up first (JIT, channels, confirms), not counted: the service is measured warm too, over
        // a batch thousands of messages long.
        // The yardstick of P1's ratios: four times the saga's message count, so that it runs for
        // seconds rather than one (a one-second window moved it by a third between runs here).
        var count = options.CeilingMessages * 4;
        var warmUp = Math.Max(count / 10, 100);
        var counter = new ArrivalCounter(warmUp + count);
        await using var bus = await CeilingBus.StartAsync(servers, s => s.AddSingleton(counter), r => r.AddConsumer<NoOpConsumer>());
        await bus.PublishAllAsync(Enumerable.Range(0, warmUp).Select(_ => new CeilingPing(Guid.NewGuid())).ToList());
        var warming = Stopwatch.StartNew();
        while (counter.Arrived < warmUp && warming.Elapsed < options.EndToEndTimeout)
        {
            await Task.Delay(20);
        }

        var messages = Enumerable.Range(0, count).Select(_ => new CeilingPing(Guid.NewGuid())).ToList();
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await bus.PublishAllAsync(messages);
        var done = await Task.WhenAny(counter.All, Task.Delay(options.EndToEndTimeout)) == counter.All;
        clock.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        if (!done)
        {
            table.Add(Figure.NotMeasured("ceiling", "no-op consumer, messages/s", "", $"timed out: {counter.Arrived}/{counter.Expected} consumed (warm-up included)"));
            return;
        }

        NoOpMessagesPerSecond = messages.Count / clock.Elapsed.TotalSeconds;
        NoOpCpuPerMessage = cpu / messages.Count;
        table.Add(Figure.Measured("ceiling", "no-op consumer, messages/s", $"{NoOpMessagesPerSecond:F0}",
            note: $"{messages.Count} messages published (with confirms) and consumed by one process in {clock.Elapsed.TotalSeconds:F1} s, after {warmUp} not counted"));
        table.Add(Figure.Measured("ceiling", "no-op consumer, CPU per message (publish + consume, the tool's process)",
            $"{NoOpCpuPerMessage * 1000:F2} ms", note: $"{cpu:F1} CPU s for {messages.Count} messages"));
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
}
