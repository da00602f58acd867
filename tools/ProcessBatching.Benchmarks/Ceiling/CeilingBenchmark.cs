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

    public async Task RunAsync()
    {
        await NoOpConsumerAsync();
        await TrivialSagaAsync();
    }

    private async Task NoOpConsumerAsync()
    {
        var counter = new ArrivalCounter(options.CeilingMessages);
        await using var bus = await CeilingBus.StartAsync(servers, s => s.AddSingleton(counter), r => r.AddConsumer<NoOpConsumer>());
        var clock = Stopwatch.StartNew();
        await bus.PublishAllAsync(Enumerable.Range(0, counter.Expected).Select(_ => new CeilingPing(Guid.NewGuid())).ToList());
        var done = await Task.WhenAny(counter.All, Task.Delay(options.EndToEndTimeout)) == counter.All;
        clock.Stop();
        table.Add(done
            ? Figure.Measured("ceiling", "no-op consumer, messages/s", $"{counter.Expected / clock.Elapsed.TotalSeconds:F0}",
                note: $"{counter.Expected} messages published and consumed in {clock.Elapsed.TotalSeconds:F1} s")
            : Figure.NotMeasured("ceiling", "no-op consumer, messages/s", "", $"timed out: {counter.Arrived}/{counter.Expected} consumed"));
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
