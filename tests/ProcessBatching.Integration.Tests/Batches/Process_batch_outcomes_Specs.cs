using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using System.Text.Json;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

public sealed class When_process_batches_run_to_the_end(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Fact]
    public async Task Should_complete_200_processes_and_announce_the_batch_exactly_once()
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var batchId = await Service.CreateBatchAsync(new { count = 200, name = "Two hundred" });

        var batch = await Service.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(200);
        batch.GetProperty("failed_count").GetInt32().ShouldBe(0);
        await Eventually.UntilAsync(() => Service.Rabbit.CountAsync(completions), n => n > 0, waitingFor: "the completion event");
        await GiveEveryPublisherItsChanceAsync(batchId);
        var announced = (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem();
        announced.GetProperty("batch_id").GetGuid().ShouldBe(batchId);
        announced.GetProperty("status").GetString().ShouldBe("COMPLETED");
        announced.GetProperty("completed_count").GetInt32().ShouldBe(200);
        (await ErrorQueues.DrainAsync(Fixture, Service.Rabbit)).ShouldAllBe(queue => queue.Value.Count == 0, "no message faulted");
    }

    [Fact]
    public async Task Should_finish_with_failures_when_every_render_breaks_a_business_rule()
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var batchId = await Service.CreateBatchAsync(new { count = 200, behavior = new { render = new { fail_business_rule_pct = 100 } } });

        var batch = await Service.FinishedBatchAsync(batchId);

        batch.GetProperty("status").GetString().ShouldBe("COMPLETED_WITH_FAILURES");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(0);
        batch.GetProperty("failed_count").GetInt32().ShouldBe(200);
        (await Fixture.ScalarAsync<int>($"SELECT canceled_count FROM commandbus.batch WHERE batch_id = '{batchId}'")).ShouldBe(200);
        await Eventually.UntilAsync(() => Service.Rabbit.CountAsync(completions), n => n > 0, waitingFor: "the completion event");
        await GiveEveryPublisherItsChanceAsync(batchId);
        var announced = (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem();
        announced.GetProperty("status").GetString().ShouldBe("COMPLETED_WITH_FAILURES");
        // README: the event carries the ids of up to 100 failed processes.
        announced.GetProperty("failed_process_ids").GetArrayLength().ShouldBe(100);
    }

    [Fact]
    public async Task Should_finish_three_batches_running_at_once_each_with_its_own_counts()
    {
        var batches = await Task.WhenAll(
            Service.CreateBatchAsync(new { count = 100, name = "first" }),
            Service.CreateBatchAsync(new { count = 100, name = "second", behavior = new { render = new { fail_business_rule_pct = 100 } } }),
            // A few transient failures, each retried in process; four in a row (1 in 160,000) would
            // send a process to the troubleshooting queue.
            Service.CreateBatchAsync(new { count = 100, name = "third", behavior = new { query = new { fail_transient_pct = 5 } } }));

        var finished = await Task.WhenAll(batches.Select(Service.FinishedBatchAsync));

        finished.Select(Summary).ShouldBe(
        [
            ("COMPLETED", 100, 0),
            ("COMPLETED_WITH_FAILURES", 0, 100),
            ("COMPLETED", 100, 0),
        ]);
    }

    /// <summary>
    /// Runs, now, both paths that could announce a batch's completion: the reconciler (every 10 s on
    /// its own) and a progress recount, then waits until the outbox they write to has delivered, so a
    /// second announcement would be in the probe queue when this returns.
    /// </summary>
    private async Task GiveEveryPublisherItsChanceAsync(Guid batchId)
    {
        var owner = Service.Services.GetRequiredService<BatchOwner>();
        await owner.ReconcileAsync(CancellationToken.None);
        await owner.RecountAsync(batchId, CancellationToken.None);
        await Fixture.OutboxDeliveredAsync();
    }

    private static (string?, int, int) Summary(JsonElement batch) => (
        batch.GetProperty("status").GetString(),
        batch.GetProperty("completed_count").GetInt32(),
        batch.GetProperty("failed_count").GetInt32());
}
