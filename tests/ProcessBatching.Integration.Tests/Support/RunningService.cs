using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>The service started for one test, ready, with a client and a plain RabbitMQ client beside it.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private RunningService(ServiceFactory factory, HttpClient client, RabbitProbe rabbit)
    {
        Factory = factory;
        Client = client;
        Rabbit = rabbit;
    }

    public ServiceFactory Factory { get; }
    public HttpClient Client { get; }
    public RabbitProbe Rabbit { get; }
    public IServiceProvider Services => Factory.Services;

    public static async Task<RunningService> StartAsync(IntegrationFixture fixture, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var factory = new ServiceFactory(configuration ?? fixture.ServiceConfiguration());
        return new RunningService(factory, await factory.StartReadyAsync(), await RabbitProbe.ConnectAsync(fixture));
    }

    /// <summary>Posts a process batch and answers its id.</summary>
    public async Task<Guid> CreateBatchAsync(object request)
    {
        var response = await Client.PostAsJsonAsync("/api/processes/batch", request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_id").GetGuid();
    }

    /// <summary>
    /// Writes a batch of <paramref name="count"/> PENDING processes through the batch service, without
    /// HTTP, and answers their ids; without the batches role nothing dispatches them.
    /// </summary>
    public async Task<Guid[]> CreateProcessesAsync(int count)
    {
        var (batch, _) = await Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "Spec batch", count, null, null, null, null), CancellationToken.None);
        return [.. Enumerable.Range(0, count).Select(index => ProcessIds.InBatchOrder(batch.BatchId, index))];
    }

    /// <summary>The batch once <paramref name="done"/> holds (or after the wait bound).</summary>
    public Task<JsonElement> BatchAsync(Guid batchId, Func<JsonElement, bool> done) =>
        Eventually.UntilAsync(() => Client.GetFromJsonAsync<JsonElement>($"/api/batches/{batchId}"), done);

    public Task<JsonElement> FinishedBatchAsync(Guid batchId) =>
        BatchAsync(batchId, batch => batch.GetProperty("status").GetString() is "COMPLETED" or "COMPLETED_WITH_FAILURES");

    public async ValueTask DisposeAsync()
    {
        await Rabbit.DisposeAsync();
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
