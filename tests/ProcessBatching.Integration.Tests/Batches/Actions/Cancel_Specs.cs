using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches.Actions;

public sealed class When_an_operator_cancels_a_running_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // Few processes in flight at once, so most of the batch is still PENDING when it is canceled.
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ProcessBatches:MaxInFlightPerBatch"] = "4",
        ["ProcessBatches:DispatchChunkSize"] = "2",
    };

    [Fact]
    public async Task Should_cancel_the_pending_stop_the_running_and_blocked_and_end_canceled_once()
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        // The first two wait in the troubleshooting queue; the others take 3 s over their query.
        var requests = Enumerable.Range(0, 2).Select(i => BatchActions.Request($"B{i}", new { query = new { fail_permanent_pct = 100 } }))
            .Concat(Enumerable.Range(0, 18).Select(i => BatchActions.Request($"S{i}", new { query = new { min_duration_ms = 3000, max_duration_ms = 3000 } })))
            .ToArray();
        var batchId = await Service.CreateBatchAsync(new { name = "Canceled", requests });
        await Service.BatchAsync(batchId, batch => batch.GetProperty("blocked_count").GetInt32() == 2);
        await Eventually.UntilAsync(() => CountAsync(batchId, "status = 'WAITING_FOR_REPLY'"), n => n > 0, waitingFor: "a process running its query");

        var (status, body, _) = await Service.ActAsync(batchId, "cancel");

        status.ShouldBe(HttpStatusCode.Accepted);
        body.GetProperty("canceling").GetBoolean().ShouldBeTrue();
        body.GetProperty("cancel_requested_at").ValueKind.ShouldBe(JsonValueKind.String);
        var finished = await Service.FinalBatchAsync(batchId);
        finished.GetProperty("status").GetString().ShouldBe("CANCELED");
        finished.ShouldAddUp();
        finished.GetProperty("failed_count").GetInt32().ShouldBe(20, "every process ends CANCELED");
        (await CountAsync(batchId, "status = 'CANCELED' AND error_code = 'BATCH_CANCELED'")).ShouldBe(20);

        // The PENDING ones ended without running: no step command was ever sent for them.
        var neverStarted = await CountAsync(batchId, "error_message LIKE '%before it started'");
        neverStarted.ShouldBeGreaterThanOrEqualTo(10, "most were still PENDING");
        (await Fixture.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM commandbus.command c JOIN commandbus.process p ON p.process_id = c.correlation_id
            WHERE p.batch_id = '{batchId}' AND p.error_message LIKE '%before it started'
            """)).ShouldBe(0);
        // The running ones finished their query, undid it, and started no next step.
        (await CountAsync(batchId, "state -> 'compensated_steps' ? 'StatementQuery'")).ShouldBeGreaterThan(0);
        (await Fixture.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM commandbus.command c JOIN commandbus.process p ON p.process_id = c.correlation_id
            WHERE p.batch_id = '{batchId}' AND c.command_type = 'StatementDataAggregation'
            """)).ShouldBe(0);
        // The blocked ones were canceled from the troubleshooting queue.
        (await CountAsync(batchId, "error_message LIKE '%was PermanentStepException%'")).ShouldBe(2);

        await Service.GiveEveryPublisherItsChanceAsync(Fixture, batchId);
        var announced = (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem();
        announced.GetProperty("status").GetString().ShouldBe("CANCELED");
        (announced.GetProperty("completed_count").GetInt32() + announced.GetProperty("failed_count").GetInt32()).ShouldBe(20);
        (await Service.StoredBatchAsync(batchId)).Actions().ShouldBe(["CANCEL"]);

        var again = await Service.ActAsync(batchId, "cancel");
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private Task<long> CountAsync(Guid batchId, string condition) =>
        Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND {condition}");
}

public sealed class When_a_batch_is_canceled_as_its_last_processes_finish(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    public async Task Should_announce_it_once_with_the_status_whichever_came_first(int leftWhenCanceled)
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var batchId = await Service.CreateBatchAsync(new { count = 30, name = "Racing" });
        await Eventually.UntilAsync(
            () => Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'COMPLETED'"),
            done => done >= 30 - leftWhenCanceled, TimeSpan.FromSeconds(60), "the batch's last processes running");

        var cancel = await Service.ActAsync(batchId, "cancel");

        var finished = await Service.FinalBatchAsync(batchId);
        finished.ShouldAddUp();
        // Accepted: the batch ends CANCELED (its last processes may have completed all the same); refused: it had finished.
        var expected = cancel.Status == HttpStatusCode.Accepted ? "CANCELED" : "COMPLETED";
        cancel.Status.ShouldBeOneOf(HttpStatusCode.Accepted, HttpStatusCode.Conflict);
        finished.GetProperty("status").GetString().ShouldBe(expected);
        await Service.GiveEveryPublisherItsChanceAsync(Fixture, batchId);
        var announced = (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem();
        announced.GetProperty("status").GetString().ShouldBe(expected);
        announced.GetProperty("completed_count").GetInt32().ShouldBe(finished.GetProperty("completed_count").GetInt32());
    }
}

public sealed class When_a_batch_whose_processes_all_finished_is_canceled_before_it_was_recounted(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // No saga, no dispatcher, no progress consumer: the processes' rows are moved by the spec, and
    // nothing recounts the batch until the cancel does.
    protected override string? Roles => "api";

    [Fact]
    public async Task Should_refuse_the_cancel_and_finish_the_batch_completed_once()
    {
        var completions = await Service.Rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessBatchCompleted>());
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Finished unseen", 3, null, null, null, null), CancellationToken.None);
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batch.BatchId);
        }

        var cancel = await Service.ActAsync(batch.BatchId, "cancel");

        cancel.Status.ShouldBe(HttpStatusCode.Conflict);
        cancel.Body.GetProperty("detail").GetString()!.ShouldContain("has just finished (COMPLETED)");
        var stored = await Service.StoredBatchAsync(batch.BatchId);
        stored.GetProperty("status").GetString().ShouldBe("COMPLETED");
        stored.GetProperty("cancel_requested_at").ValueKind.ShouldBe(JsonValueKind.Null);
        await Service.GiveEveryPublisherItsChanceAsync(Fixture, batch.BatchId);
        (await Service.Rabbit.TakeAllAsync(completions)).ShouldHaveSingleItem().GetProperty("status").GetString().ShouldBe("COMPLETED");
    }
}

public sealed class When_a_batch_with_nothing_running_is_canceled(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The batches role alone: the dispatcher hands out two processes (to no saga) and waits for
    // them; the spec finishes those two itself. No reconciler turn comes during the spec.
    protected override string? Roles => "api,batches";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ProcessBatches:MaxInFlightPerBatch"] = "2",
        ["ProcessBatches:DispatchChunkSize"] = "2",
        ["ProcessBatches:ReconcileInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Should_end_its_pending_processes_and_finish_it_canceled_at_once()
    {
        var (batch, _) = await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Mostly pending", 10, null, null, null, null), CancellationToken.None);
        await Eventually.UntilAsync(
            () => Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batch.BatchId}' AND status = 'IN_PROGRESS'"),
            n => n == 2, waitingFor: "the dispatcher to hand out two processes");
        await Fixture.ExecuteAsync(
            $"UPDATE commandbus.process SET status = 'COMPLETED', completed_at = now() WHERE batch_id = '{batch.BatchId}' AND status = 'IN_PROGRESS'");

        (await Service.ActAsync(batch.BatchId, "cancel")).Status.ShouldBe(HttpStatusCode.Accepted);

        // Read from the table, not through the API (which would recount it): the cancel itself finished it.
        var status = await Eventually.UntilAsync(
            () => Fixture.ScalarAsync<string>($"SELECT status || ' ' || completed_count || ' ' || canceled_count FROM commandbus.batch WHERE batch_id = '{batch.BatchId}'"),
            s => s.StartsWith("CANCELED", StringComparison.Ordinal), waitingFor: "the batch to finish CANCELED");
        status.ShouldBe("CANCELED 2 8");
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.command")).ShouldBe(0, "no step command was sent");
        (await Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.batch_dispatch WHERE batch_id = '{batch.BatchId}'")).ShouldBe(0);
    }
}
