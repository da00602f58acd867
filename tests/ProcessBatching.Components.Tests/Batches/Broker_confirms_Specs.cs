namespace ProcessBatching.Components.Tests.Batches;

/// <summary>
/// docs/reliability.md, "Found by the suite": a send straight to the broker waits for its confirms at
/// most so long, so a confirm lost with its channel cannot hold the dispatcher or a sweep for good.
/// </summary>
public class When_the_broker_does_not_confirm_a_send_in_time
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Should_stop_waiting_and_say_what_was_not_confirmed()
    {
        var send = BrokerConfirms.WithinAsync(Timeout, "processes 0..10 of batch b", token => Task.Delay(System.Threading.Timeout.Infinite, token), CancellationToken.None);

        (await Task.WhenAny(send, Task.Delay(Timeout * 50))).ShouldBe(send, "it waited beyond its timeout");
        var failed = await Should.ThrowAsync<TimeoutException>(() => send);
        failed.Message.ShouldBe("The broker did not confirm processes 0..10 of batch b within 00:00:00.2000000");
    }

    [Fact]
    public async Task Should_name_a_timeout_the_transport_wrapped()
    {
        // MassTransit's RabbitMQ transport answers a canceled wait for confirms with its own exception.
        var failed = await Should.ThrowAsync<TimeoutException>(() => BrokerConfirms.WithinAsync(Timeout, "a nudge", async token =>
        {
            try
            {
                await Task.Delay(System.Threading.Timeout.Infinite, token);
            }
            catch (OperationCanceledException canceled)
            {
                throw new InvalidOperationException("BasicPublishAsync failed", canceled);
            }
        }, CancellationToken.None));

        failed.InnerException.ShouldBeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task Should_leave_a_stop_of_the_service_a_cancellation()
    {
        using var stopping = new CancellationTokenSource(Timeout / 4);

        await Should.ThrowAsync<OperationCanceledException>(() =>
            BrokerConfirms.WithinAsync(Timeout * 20, "a chunk", token => Task.Delay(System.Threading.Timeout.Infinite, token), stopping.Token));
    }

    [Fact]
    public async Task Should_pass_on_a_send_that_failed_before_its_time()
    {
        var failed = await Should.ThrowAsync<InvalidOperationException>(() =>
            BrokerConfirms.WithinAsync(Timeout * 20, "a chunk", _ => Task.FromException(new InvalidOperationException("no route")), CancellationToken.None));

        failed.Message.ShouldBe("no route");
    }

    [Fact]
    public async Task Should_return_once_the_broker_confirmed()
    {
        var confirmed = false;

        await BrokerConfirms.WithinAsync(Timeout * 20, "a chunk", async _ =>
        {
            await Task.Yield();
            confirmed = true;
        }, CancellationToken.None);

        confirmed.ShouldBeTrue();
    }
}
