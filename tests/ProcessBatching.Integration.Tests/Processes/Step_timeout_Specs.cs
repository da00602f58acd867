using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Processes;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

/// <summary>No step worker runs: every command is lost as far as the process can tell.</summary>
public sealed class When_no_step_worker_answers(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override string? Roles => "processes,batches";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Processes:StepTimeout"] = "00:00:01",
        ["Processes:StepAttempts"] = "2",
    };

    [Fact]
    public async Task Should_send_the_step_again_then_block_the_batch_in_the_troubleshooting_queue()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 2 });

        var batch = await Service.BatchAsync(batchId, b => b.GetProperty("blocked_count").GetInt32() == 2);

        batch.GetProperty("blocked_count").GetInt32().ShouldBe(2, "both processes gave up on the query after two attempts");
        batch.GetProperty("status").GetString().ShouldBe("IN_PROGRESS");
        var processes = await Fixture.QueryAsync(
            $"SELECT status, error_code, current_step FROM commandbus.process WHERE batch_id = '{batchId}'",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)));
        processes.ShouldAllBe(p => p.Equals(ValueTuple.Create("WAITING_FOR_TSQ", "TIMEOUT", "StatementQuery")));
        var commands = await Fixture.QueryAsync(
            $"""
            SELECT c.attempts, c.status, count(*) OVER (PARTITION BY a.process_id)
            FROM commandbus.command c JOIN commandbus.process_audit a USING (command_id)
            JOIN commandbus.process p USING (process_id) WHERE p.batch_id = '{batchId}'
            """,
            r => (r.GetInt32(0), r.GetString(1), r.GetInt64(2)));
        commands.Count.ShouldBe(2);
        commands.ShouldAllBe(c => c.Equals(ValueTuple.Create(2, "IN_TROUBLESHOOTING_QUEUE", 1L)), "one audit row per step, two sends of it");
        (await Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND step_due_at IS NOT NULL"))
            .ShouldBe(0, "a process in the troubleshooting queue waits for no reply");
    }
}

/// <summary>A process waits on a step whose worker is gone; the step timeout is the default five minutes.</summary>
public sealed class When_a_step_deadline_passes(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override string? Roles => "processes,batches";

    [Fact]
    public async Task Should_be_fired_by_the_sweep_once_and_the_command_sent_again()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });
        var processId = (await Eventually.UntilAsync(
            () => Fixture.QueryAsync($"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'WAITING_FOR_REPLY'", r => r.GetGuid(0)),
            ids => ids.Count == 1)).Single();
        var sent = await Fixture.ScalarAsync<DateTime>($"SELECT step_due_at - interval '5 minutes' FROM commandbus.process WHERE process_id = '{processId}'");
        (DateTime.UtcNow - sent).ShouldBeLessThan(TimeSpan.FromMinutes(1), "the reply is due a step timeout after the command was sent");

        await Fixture.ExecuteAsync($"UPDATE commandbus.process SET step_due_at = now() - interval '1 second' WHERE process_id = '{processId}'");

        // The service's own sweep looks every tenth of the step timeout, at most every 10 s.
        await Eventually.Holds(async () => await Fixture.ScalarAsync<int>(
            $"SELECT c.attempts FROM commandbus.command c WHERE c.correlation_id = '{processId}'") == 2, TimeSpan.FromSeconds(40), "the command was sent a second time");
        var next = await Fixture.ScalarAsync<DateTime>($"SELECT step_due_at FROM commandbus.process WHERE process_id = '{processId}'");
        (next - DateTime.UtcNow).ShouldBeGreaterThan(TimeSpan.FromMinutes(4), "the second attempt waits a whole step timeout");
        var sweep = ActivatorUtilities.CreateInstance<StepDeadlineSweep>(Service.Services);
        (await sweep.SweepAsync(CancellationToken.None)).ShouldBe(0, "nothing else is due");
        await Eventually.Holds(async () => await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.outbox_state") == 0,
            TimeSpan.FromSeconds(30), "the deadline's message and the resent command were delivered, and no delayed message waits");
    }
}

/// <summary>A process waits on a step whose worker is gone; the step timeout is long.</summary>
public sealed class When_an_operator_redrives_a_process(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override string? Roles => "processes,batches";

    [Fact]
    public async Task Should_send_its_current_command_again_and_wait_for_the_new_deadline_only()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });
        var processId = await WaitingProcessAsync(batchId);
        var firstDeadline = await Fixture.ScalarAsync<DateTime>($"SELECT step_due_at FROM commandbus.process WHERE process_id = '{processId}'");

        var response = await Service.Client.PostAsync($"/api/processes/{processId}/redrive", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Eventually.Holds(async () => await Fixture.ScalarAsync<int>(
            $"SELECT c.attempts FROM commandbus.command c WHERE c.correlation_id = '{processId}'") == 2, TimeSpan.FromSeconds(30), "the command was sent a second time");
        var deadline = await Fixture.ScalarAsync<DateTime>($"SELECT step_due_at FROM commandbus.process WHERE process_id = '{processId}'");
        deadline.ShouldBeGreaterThan(firstDeadline, "the second attempt waits a whole step timeout from its own send");
        (deadline - DateTime.UtcNow).ShouldBeGreaterThan(TimeSpan.FromMinutes(4), "the default step timeout is five minutes");
    }

    [Fact]
    public async Task Should_refuse_a_process_that_is_not_waiting_on_a_step()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });
        var processId = await WaitingProcessAsync(batchId);
        await Fixture.ExecuteAsync($"UPDATE commandbus.process SET status = 'COMPLETED' WHERE process_id = '{processId}'");

        var final = await Service.Client.PostAsync($"/api/processes/{processId}/redrive", null);
        var unknown = await Service.Client.PostAsync($"/api/processes/{Guid.NewGuid()}/redrive", null);
        var malformed = await Service.Client.PostAsync("/api/processes/not-an-id/redrive", null);

        final.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        final.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<Guid> WaitingProcessAsync(Guid batchId)
    {
        var waiting = await Eventually.UntilAsync(
            () => Fixture.QueryAsync($"SELECT process_id FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'WAITING_FOR_REPLY'", r => r.GetGuid(0)),
            ids => ids.Count == 1);
        return waiting.ShouldHaveSingleItem();
    }
}
