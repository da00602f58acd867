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

        var copies = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var handled = new HandledMessages<StartProcessBatch>();
        using var observing = _service.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(handled);

        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), json, copies[0]);
        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), json, copies[1]);

        // The consumer has finished with both copies (created, found or faulted): the rows are final.
        await Eventually.Holds(
            () => Task.FromResult(copies.All(copy => handled.Count(copy) > 0)), Eventually.DefaultTimeout, "both copies handled");
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(1);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(25);
        handled.Faults.ShouldBe(0);
        (await _rabbit.TakeAllAsync("start-process-batch_error")).ShouldBeEmpty("the second copy is no fault");
    }

    [Fact]
    public async Task Should_fault_an_invalid_message_to_the_error_queue_and_create_nothing()
    {
        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), """{"count":0,"output_type":"docx"}""");

        var faulted = await Eventually.UntilAsync(() => _rabbit.CountAsync("start-process-batch_error"), count => count == 1);

        faulted.ShouldBe(1u);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(0);
    }

    [Fact]
    public async Task Should_take_the_message_id_as_batch_id_so_a_second_copy_creates_nothing()
    {
        var messageId = Guid.NewGuid();
        var handled = new HandledMessages<StartProcessBatch>();
        using var observing = _service.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(handled);
        const string json = """{"count":25,"name":"published twice"}""";

        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), json, messageId);
        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), json, messageId);

        // The consumer has finished with both copies (created, found or faulted): the rows are final.
        (await Eventually.UntilAsync(() => Task.FromResult(handled.Count(messageId)), count => count >= 2)).ShouldBe(2);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(1);
        (await fixture.ScalarAsync<Guid>("SELECT batch_id FROM commandbus.batch")).ShouldBe(messageId);
        (await fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{messageId}'")).ShouldBe(25);
        handled.Faults.ShouldBe(0);
    }

    [Fact]
    public async Task Should_fault_a_message_with_neither_batch_id_nor_message_id_and_create_nothing()
    {
        await _rabbit.PublishJsonAsync(RabbitProbe.ExchangeFor<StartProcessBatch>(), """{"count":3,"name":"no ids"}""");

        var faulted = await Eventually.UntilAsync(() => _rabbit.CountAsync("start-process-batch_error"), count => count == 1);

        faulted.ShouldBe(1u);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(0);
    }

    private Task<long> ProcessRowsAsync(Guid batchId) => Eventually.UntilAsync(
        () => fixture.ScalarAsync<long>($"SELECT count(*) FROM commandbus.process WHERE batch_id = '{batchId}'"),
        count => count > 0);
}
