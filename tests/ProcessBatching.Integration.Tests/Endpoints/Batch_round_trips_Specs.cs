using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Endpoints;

/// <summary>
/// docs/performance.md, round twelve: on a busy host every round trip to the database waits its turn
/// for a backend and again for the service's thread pool, so the batch page and the batch API read
/// everything they show in one.
/// </summary>
public sealed class When_a_process_batch_is_shown(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // The API alone: the spec finishes the processes itself.
    protected override string? Roles => "api";

    // What each answer shows, by the table each of its statements reads: the page (the batch, a page of
    // its processes, its operator actions, its pace, its breakdown), its live parts, its process table,
    // its JSON, and the API's batch, process list, breakdown and pace. A status filter adds its count.
    [Theory]
    [InlineData("/process-batches/{0}", "batch process batch_audit batch_throughput process")]
    [InlineData("/process-batches/{0}?status=COMPLETED&page=2", "batch process process batch_audit batch_throughput process")]
    [InlineData("/process-batches/{0}?handler=Live", "batch batch_throughput process")]
    [InlineData("/process-batches/{0}?handler=Processes&status=COMPLETED", "batch process process")]
    [InlineData("/process-batches/{0}?handler=Batch", "batch")]
    [InlineData("/api/process-batches/{0}", "batch batch_audit")]
    [InlineData("/api/process-batches/{0}/processes?status=COMPLETED&page=2&page_size=10", "batch process process")]
    [InlineData("/api/process-batches/{0}/breakdown", "batch process")]
    [InlineData("/api/process-batches/{0}/throughput", "batch batch_throughput")]
    public async Task Should_read_it_in_one_round_trip(string path, string tables)
    {
        var batchId = await FinishedBatchAsync(30);
        var trace = ActivityTraceId.CreateRandom();
        using var roundTrips = new DatabaseRoundTrips(trace);

        using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(path, batchId));
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await Service.Client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        (await response.Content.ReadAsStringAsync()).ShouldNotBeEmpty();
        roundTrips.Trips.ShouldBe([tables], customMessage: "one batch of statements, the batch's row first");
    }

    [Fact]
    public async Task Should_answer_an_unknown_batch_as_not_found()
    {
        var unknown = Guid.NewGuid();

        (await Service.Client.GetAsync($"/process-batches/{unknown}?handler=Live")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Service.Client.GetAsync($"/process-batches/{unknown}?handler=Processes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Service.Client.GetAsync($"/api/process-batches/{unknown}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Service.Client.GetAsync($"/api/process-batches/{unknown}/processes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Service.Client.GetAsync($"/api/process-batches/{unknown}/breakdown")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Service.Client.GetAsync($"/api/process-batches/{unknown}/throughput")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A finished batch, so that reading it asks for no recount, which is a round trip of its own.</summary>
    private async Task<Guid> FinishedBatchAsync(int count)
    {
        var batch = (await Service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Shown batch", count, null, null, null, null), CancellationToken.None)).Batch;
        await using (var db = await Fixture.OpenConnectionAsync())
        {
            await db.CompleteAllAsync(batch.BatchId);
        }

        var counted = await Service.Services.GetRequiredService<BatchOwner>().RecountAsync(batch.BatchId, CancellationToken.None);
        counted!.IsOpen.ShouldBeFalse();
        return batch.BatchId;
    }

    /// <summary>
    /// The service's trips to PostgreSQL in one trace (Npgsql makes an activity of each command or batch it
    /// sends): for each, the tables its statements read.
    /// </summary>
    private sealed class DatabaseRoundTrips : IDisposable
    {
        private readonly ConcurrentQueue<string> _trips = new();
        private readonly ActivityListener _listener;

        public DatabaseRoundTrips(ActivityTraceId trace)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                    options.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
                // Npgsql tags an activity with its statements once it has sent them.
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == "Npgsql" && activity.TraceId == trace)
                    {
                        _trips.Enqueue(Tables(activity.GetTagItem("db.query.text") as string ?? ""));
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<string> Trips => [.. _trips];

        public void Dispose() => _listener.Dispose();

        /// <summary>The table each statement of a round trip reads first, in order.</summary>
        private static string Tables(string statements) =>
            string.Join(' ', statements.Split(";\n").Select(statement => Regex.Match(statement, @"FROM commandbus\.(\w+)").Groups[1].Value));
    }
}
