using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Batches;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_StartProcessBatch_message_is_published(IntegrationFixture fixture) : IAsyncLifetime
{
    private ServiceFactory _service = null!;
    private RabbitProbe _rabbit = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        _service = new ServiceFactory(fixture.ServiceConfiguration());
        (await _service.StartReadyAsync()).Dispose();
        _rabbit = await RabbitProbe.ConnectAsync(fixture);
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Should_create_the_batch_as_the_api_does()
    {
        var batchId = Guid.NewGuid();
        var bus = _service.Services.GetRequiredService<IBus>();

        await bus.Publish(new StartProcessBatch(batchId, "From a service", 200, null, null, "csv", null));

        (await ProcessRowsAsync(batchId)).ShouldBe(200);
        (await fixture.ScalarAsync<string>($"SELECT name FROM commandbus.batch WHERE batch_id = '{batchId}'")).ShouldBe("From a service");
    }

    [Fact]
    public async Task Should_accept_plain_json_from_a_publisher_without_masstransit()
    {
        var batchId = Guid.NewGuid();
        var json = JsonSerializer.Serialize(new
        {
            batch_id = batchId, count = 25, name = "plain", output_type = "html",
            behavior = new { render = new { fail_permanent_pct = 0, min_duration_ms = 1, max_duration_ms = 2 } },
        });

        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), json);
        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), json);

        (await ProcessRowsAsync(batchId)).ShouldBe(25);
        await Task.Delay(500);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(1);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(25);
    }

    [Fact]
    public async Task Should_fault_an_invalid_message_to_the_error_queue_and_create_nothing()
    {
        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), """{"count":0,"output_type":"docx"}""");

        var faulted = await Eventually.UntilAsync(() => _rabbit.CountAsync("start-process-batch_error"), count => count == 1);

        faulted.ShouldBe(1u);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(0);
    }

    private Task<long> ProcessRowsAsync(Guid batchId) => Eventually.UntilAsync(
        () => fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}'"),
        count => count > 0);
}
