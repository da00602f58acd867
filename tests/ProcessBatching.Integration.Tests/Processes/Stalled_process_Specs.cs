using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Processes;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

/// <summary>
/// A process the dispatcher handed over long ago, whose start message was lost (a purged queue):
/// the spec plays the dispatcher, so the service runs the process endpoint and the workers only.
/// </summary>
public sealed class When_a_process_has_not_moved_for_long(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override string? Roles => "processes,workers";

    [Fact]
    public async Task Should_be_started_again_by_the_sweep_and_complete()
    {
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Lost start", 1, null, null, null, null), CancellationToken.None);
        var processId = ProcessIds.InBatchOrder(batch.BatchId, 0);
        await Fixture.ExecuteAsync(
            $"UPDATE commandbus.process SET status = 'IN_PROGRESS', updated_at = now() - interval '1 hour' WHERE process_id = '{processId}'");
        var sweep = ActivatorUtilities.CreateInstance<StalledProcessSweep>(Service.Services);

        var nudged = await sweep.SweepAsync(CancellationToken.None);

        nudged.ShouldBe(1);
        await Eventually.Holds(async () => await Fixture.ScalarAsync<string>(
            $"SELECT status FROM commandbus.process WHERE process_id = '{processId}'") == "COMPLETED", TimeSpan.FromSeconds(60), "the process was started again and ran its steps");
        (await sweep.SweepAsync(CancellationToken.None)).ShouldBe(0, "a moving or finished process is left alone");
    }
}
