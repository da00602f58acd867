using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

/// <summary>
/// One batch whose processes each take another path (its own behaviour in the request), driven
/// and watched through the HTTP API only: every status a started process can take is reached. (PENDING,
/// the ninth, is what a process is before the dispatcher hands it over; the dispatcher may get there
/// before any look, so <c>Dispatch_after_a_crash_Specs</c> proves it on a replica without one.)
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_processes_take_every_path(IntegrationFixture fixture) : IAsyncLifetime
{
    private static readonly object None = new { };
    private static readonly object FailsPermanently = new { fail_permanent_pct = 100 };
    private static readonly object BreaksABusinessRule = new { fail_business_rule_pct = 100 };

    private ServiceFactory _service = null!;
    private HttpClient _client = null!;
    private RabbitProbe _rabbit = null!;
    private readonly Guid _batchId = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = new ServiceFactory(fixture.ServiceConfiguration());
        _client = await _service.StartReadyAsync();
        _rabbit = await RabbitProbe.ConnectAsync(fixture);
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        _client.Dispose();
        await _service.DisposeAsync();
    }

    private static object Request(object? render = null, object? compensation = null) => new
    {
        from_date = "2026-03-01",
        to_date = "2026-03-31",
        account_list = new[] { "ACC-0000001" },
        output_type = "pdf",
        behavior = new { query = None, aggregation = None, render = render ?? None, compensation = compensation ?? None },
    };

    [Fact]
    public async Task Should_reach_every_status_after_pending_and_finish_the_batch_once_the_operator_acts()
    {
        var statusChanges = await _rabbit.BindQueueAsync(RabbitProbe.ExchangeFor<ProcessStatusChanged>());
        var created = await _client.PostAsJsonAsync("/api/processes/batch", new
        {
            batch_id = _batchId,
            name = "Every path",
            requests = new[]
            {
                Request(),                                                                        // 0 COMPLETED
                Request(render: new { min_duration_ms = 4000, max_duration_ms = 4000 }),          // 1 WAITING_FOR_REPLY, then COMPLETED
                Request(render: FailsPermanently),                                                // 2 WAITING_FOR_TSQ, retried
                Request(render: FailsPermanently),                                                // 3 WAITING_FOR_TSQ, completed by hand
                Request(render: FailsPermanently),                                                // 4 WAITING_FOR_TSQ, canceled: COMPENSATED
                Request(render: BreaksABusinessRule, compensation: new { min_duration_ms = 2500, max_duration_ms = 2500 }), // 5 COMPENSATING, CANCELED
                Request(render: BreaksABusinessRule),                                             // 6 CANCELED
                Request(render: BreaksABusinessRule, compensation: FailsPermanently),             // 7 FAILED
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>();
        // Written PENDING; the dispatcher may already have handed them over (IN_PROGRESS).
        answer.GetProperty("processes").EnumerateArray().ShouldAllBe(p => p.GetProperty("status").GetString() == "PENDING" || p.GetProperty("status").GetString() == "IN_PROGRESS");

        (await StatusAsync(1, "WAITING_FOR_REPLY")).ShouldBe("WAITING_FOR_REPLY");
        (await StatusAsync(5, "COMPENSATING")).ShouldBe("COMPENSATING");
        foreach (var index in new[] { 2, 3, 4 })
        {
            (await StatusAsync(index, "WAITING_FOR_TSQ")).ShouldBe("WAITING_FOR_TSQ");
        }

        (await Eventually.UntilAsync(() => _rabbit.CountAsync("statement-render_error"), n => n == 3)).ShouldBe(3u);
        var blocked = await BatchAsync(b => b.GetProperty("blocked_count").GetInt32() == 3);
        blocked.GetProperty("status").GetString().ShouldBe("IN_PROGRESS");

        (await ActAsync(2, "retry")).ShouldBe(HttpStatusCode.Accepted);
        (await ActAsync(3, "complete")).ShouldBe(HttpStatusCode.Accepted);
        (await ActAsync(4, "cancel")).ShouldBe(HttpStatusCode.Accepted);

        string[] expected = ["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPENSATED", "CANCELED", "CANCELED", "FAILED"];
        for (var index = 0; index < expected.Length; index++)
        {
            (await StatusAsync(index, expected[index])).ShouldBe(expected[index], $"process {index}");
        }

        var batch = await BatchAsync(b => b.GetProperty("status").GetString() != "IN_PROGRESS");
        batch.GetProperty("status").GetString().ShouldBe("COMPLETED_WITH_FAILURES");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(5);
        batch.GetProperty("failed_count").GetInt32().ShouldBe(3);
        (await ActAsync(0, "retry")).ShouldBe(HttpStatusCode.Conflict);

        var seen = (await _rabbit.TakeAllAsync(statusChanges))
            .SelectMany(change => new[] { change.GetProperty("oldStatus").GetString(), change.GetProperty("newStatus").GetString() })
            .ToHashSet();
        string[] announced = ["IN_PROGRESS", "WAITING_FOR_REPLY", "WAITING_FOR_TSQ", "COMPENSATING", "COMPLETED", "COMPENSATED", "CANCELED", "FAILED"];
        announced.Except(seen).ShouldBeEmpty();
    }

    [Fact]
    public async Task Should_compensate_a_canceled_process_in_reverse_order()
    {
        var created = await _client.PostAsJsonAsync("/api/processes/batch", new { batch_id = _batchId, requests = new[] { Request(render: FailsPermanently) } });
        created.EnsureSuccessStatusCode();
        await StatusAsync(0, "WAITING_FOR_TSQ");

        (await ActAsync(0, "cancel")).ShouldBe(HttpStatusCode.Accepted);
        (await StatusAsync(0, "COMPENSATED")).ShouldBe("COMPENSATED");

        var process = await _client.GetFromJsonAsync<JsonElement>($"/api/processes/{ProcessIds.InBatchOrder(_batchId, 0)}");
        var trail = process.GetProperty("audit_trail").EnumerateArray()
            .Select(entry => (entry.GetProperty("command_type").GetString(), entry.GetProperty("step_name").GetString(), entry.GetProperty("reply_outcome").GetString()))
            .ToList();
        trail.ShouldBe(
        [
            ("StatementQuery", "StatementQuery", "SUCCESS"),
            ("StatementDataAggregation", "StatementDataAggregation", "SUCCESS"),
            ("StatementRender", "StatementRender", "CANCELED"),
            ("CancelProcess", "StatementRender", null), // the operator's request, naming who asked
            ("CompensateStep", "StatementDataAggregation", "SUCCESS"),
            ("CompensateStep", "StatementQuery", "SUCCESS"),
        ]);
    }

    private async Task<string?> StatusAsync(int index, string wanted) =>
        (await Eventually.UntilAsync(
            () => _client.GetFromJsonAsync<JsonElement>($"/api/processes/{ProcessIds.InBatchOrder(_batchId, index)}"),
            process => process.GetProperty("status").GetString() == wanted)).GetProperty("status").GetString();

    private Task<JsonElement> BatchAsync(Func<JsonElement, bool> done) =>
        Eventually.UntilAsync(() => _client.GetFromJsonAsync<JsonElement>($"/api/batches/{_batchId}"), done);

    private async Task<HttpStatusCode> ActAsync(int index, string action) =>
        (await _client.PostAsync($"/api/processes/{ProcessIds.InBatchOrder(_batchId, index)}/{action}", null)).StatusCode;
}
