using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

/// <summary>
/// The quick fault suite's broker restart once left a batch with 60 processes PENDING for good: the
/// dispatcher waited on the broker's confirms of a chunk sent as the broker went down, which never came,
/// and nothing else dispatches. A chunk not confirmed in time is sent again.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_broker_never_confirms_a_dispatched_chunk(IntegrationFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(1);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_give_the_batch_back_and_send_the_chunk_again()
    {
        // A replica without the batches role writes the batch and dispatches nothing itself.
        await using var service = await RunningService.StartAsync(fixture, fixture.ServiceConfiguration(roles: "processes,workers"));
        var processIds = await service.CreateProcessesAsync(30);
        var batchId = await fixture.ScalarAsync<Guid>("SELECT batch_id FROM commandbus.batch_dispatch");

        var silentBroker = Bus.Factory.CreateUsingInMemory(bus => bus.ConfigureSend(send => send.UseFilter(new UnconfirmedSends())));
        await silentBroker.StartAsync();
        try
        {
            var dispatch = Dispatcher(service, silentBroker).DispatchNextChunkAsync(CancellationToken.None);

            (await Task.WhenAny(dispatch, Task.Delay(SendTimeout * 20))).ShouldBe(dispatch, "the dispatcher waits for the confirms no longer than its timeout");
            var failed = await Should.ThrowAsync<TimeoutException>(() => dispatch);
            failed.Message.ShouldContain($"processes 0..10 of batch {batchId}");
        }
        finally
        {
            await silentBroker.StopAsync();
        }

        // The cursor did not move and the lease is free, so the next turn sends the same chunk now,
        // not when the lease runs out.
        (await DispatchRowAsync()).ShouldBe((0, true));

        var dispatcher = Dispatcher(service, service.Services.GetRequiredService<IBus>());
        while (await dispatcher.DispatchNextChunkAsync(CancellationToken.None))
        {
        }

        await Eventually.UntilAsync(
            () => fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'COMPLETED'"),
            completed => completed == processIds.Length,
            waitingFor: "every process of the batch, the chunk sent twice included, to complete");
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch_dispatch")).ShouldBe(0, "the whole batch was dispatched");
    }

    private static ProcessDispatcher Dispatcher(RunningService service, IBus bus) => new(
        service.Services.GetRequiredService<NpgsqlDataSource>(),
        bus,
        service.Services.GetRequiredService<IEndpointNameFormatter>(),
        service.Services.GetRequiredService<ProcessDispatchSignal>(),
        Options.Create(new ProcessBatchOptions { DispatchChunkSize = 10, DispatchSendTimeout = SendTimeout }),
        service.Services.GetRequiredService<ILogger<ProcessDispatcher>>());

    private async Task<(int NextIndex, bool Free)> DispatchRowAsync()
    {
        var rows = await fixture.QueryAsync(
            "SELECT dispatched_count, lease_owner IS NULL AND lease_until <= now() FROM commandbus.batch_dispatch",
            reader => (reader.GetInt32(0), reader.GetBoolean(1)));
        return rows.ShouldHaveSingleItem();
    }

    /// <summary>A broker that takes every message and confirms none: each send waits until it is canceled.</summary>
    private sealed class UnconfirmedSends : IFilter<SendContext>
    {
        public Task Send(SendContext context, IPipe<SendContext> next) => Task.Delay(Timeout.Infinite, context.CancellationToken);

        public void Probe(ProbeContext context) => context.CreateFilterScope("unconfirmed-sends");
    }
}
