using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Integration.Tests.Operations;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches.Actions;

public sealed class When_an_operator_pauses_and_resumes_a_batch(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // Sagas and workers run, but no dispatcher of the service's own: the spec runs one turn of it
    // when it wants, so "nothing was dispatched" is evidence, not a matter of waiting long enough.
    protected override string? Roles => "api,processes,workers";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Telemetry:GaugeInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Should_start_none_of_its_processes_while_paused_and_finish_it_after_resume()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 6, name = "Paused" });
        var dispatcher = ActivatorUtilities.CreateInstance<ProcessDispatcher>(Service.Services);
        await GaugeAsync(lag => lag > 0, "the batch waiting on the dispatcher");

        var (status, paused, _) = await Service.ActAsync(batchId, "pause");

        status.ShouldBe(HttpStatusCode.OK);
        paused.GetProperty("paused").GetBoolean().ShouldBeTrue();
        paused.GetProperty("paused_at").ValueKind.ShouldBe(JsonValueKind.String);
        (await dispatcher.DispatchNextChunkAsync(CancellationToken.None)).ShouldBeFalse("a paused batch is not claimed");
        (await PendingAsync(batchId)).ShouldBe(6);
        await GaugeAsync(lag => lag == 0, "the dispatch lag without the paused batch");
        (await Service.ActAsync(batchId, "pause")).Status.ShouldBe(HttpStatusCode.Conflict, "paused already");

        var (resumedStatus, resumed, _) = await Service.ActAsync(batchId, "resume");

        resumedStatus.ShouldBe(HttpStatusCode.OK);
        resumed.GetProperty("paused").GetBoolean().ShouldBeFalse();
        resumed.GetProperty("paused_at").ValueKind.ShouldBe(JsonValueKind.Null);
        (await dispatcher.DispatchNextChunkAsync(CancellationToken.None)).ShouldBeTrue();
        var finished = await Service.FinishedBatchAsync(batchId);
        finished.GetProperty("status").GetString().ShouldBe("COMPLETED");
        finished.GetProperty("completed_count").GetInt32().ShouldBe(6);
        (await Service.StoredBatchAsync(batchId)).Actions().ShouldBe(["PAUSE", "RESUME"]);
        (await Service.ActAsync(batchId, "resume")).Status.ShouldBe(HttpStatusCode.Conflict, "finished");
    }

    [Fact]
    public async Task Should_let_the_processes_already_started_finish()
    {
        var batchId = await Service.CreateBatchAsync(new { count = 4, name = "Started, then paused" });
        var dispatcher = ActivatorUtilities.CreateInstance<ProcessDispatcher>(Service.Services);
        (await dispatcher.DispatchNextChunkAsync(CancellationToken.None)).ShouldBeTrue();

        (await Service.ActAsync(batchId, "pause")).Status.ShouldBe(HttpStatusCode.OK);

        var finished = await Service.BatchAsync(batchId, batch => batch.GetProperty("completed_count").GetInt32() == 4);
        finished.GetProperty("status").GetString().ShouldBe("COMPLETED", "a batch whose processes all finished is finished, paused or not");
        finished.GetProperty("paused").GetBoolean().ShouldBeFalse();
    }

    private Task<long> PendingAsync(Guid batchId) =>
        Fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}' AND status = 'PENDING'");

    private Task GaugeAsync(Func<double, bool> holds, string waitingFor) =>
        Eventually.UntilAsync(
            async () => PrometheusText.Parse(await Service.Client.GetStringAsync("/metrics")).Value("processbatching_dispatch_lag_seconds"),
            holds, TimeSpan.FromSeconds(30), waitingFor);
}
