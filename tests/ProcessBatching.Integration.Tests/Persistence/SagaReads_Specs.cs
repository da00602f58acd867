using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MassTransit.Saga;
using Npgsql;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_reading_process_state(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() => _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("reads"), _events);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_read_committed_state_without_waiting_on_a_process_in_flight()
    {
        var processId = Guid.NewGuid();
        await _host.Bus.Publish(new TestStepCompleted(processId, 0, 3));
        await _host.Bus.Publish(new TestStepCompleted(processId, 1, 3));
        await Eventually.Holds(async () => await _host.CountAsync([processId], "Running", 2) == 1, TimeSpan.FromSeconds(10), "the process running with two messages applied");

        // A transaction holds the row with an uncommitted change, as a saga handling a message would.
        await using var inFlight = await fixture.OpenConnectionAsync();
        await using var transaction = await inFlight.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE persistence_specs.test_process SET received = 99 WHERE correlation_id = @id", inFlight, transaction))
        {
            update.Parameters.AddWithValue("id", processId);
            await update.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var loaded = await _host.Services.GetRequiredService<ILoadSagaRepository<TestProcessState>>().Load(processId).WaitAsync(timeout.Token);
        var found = await _host.Services.GetRequiredService<IQuerySagaRepository<TestProcessState>>()
            .Find(new SagaQuery<TestProcessState>(x => x.Received == 2 && x.CurrentState == "Running")).WaitAsync(timeout.Token);

        loaded.ShouldNotBeNull();
        loaded.Received.ShouldBe(2);
        loaded.CurrentState.ShouldBe("Running");
        found.ShouldContain(processId);
        await transaction.RollbackAsync();
    }
}
