using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_saga_message_is_saved_in_its_transaction(IntegrationFixture fixture) : IAsyncLifetime
{
    private readonly PublishedEvents _events = new();
    private readonly SavepointCounter _savepoints = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("savepoints"), _events, interceptor: _savepoints);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_save_without_a_savepoint_of_its_own()
    {
        var processId = Guid.NewGuid();
        await _host.Bus.Publish(new TestStepCompleted(processId, 0, 2));
        await Eventually.Holds(async () => await _host.CountAsync([processId], "Running", 1) == 1, TimeSpan.FromSeconds(10), "the process created by its first message");
        await _host.Bus.Publish(new TestStepCompleted(processId, 1, 2));
        await Eventually.Holds(async () => await _host.CountAsync([processId], "Finished", 2) == 1, TimeSpan.FromSeconds(10), "the process updated by its second message");

        _savepoints.Count.ShouldBe(0,
            "a failure rolls the whole message's transaction back, so EF Core's savepoint around each SaveChanges would be two statements for nothing");
    }

    private sealed class SavepointCounter : DbTransactionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }
    }
}
