namespace ProcessBatching.Components;

/// <summary>
/// A bound on sends made straight to the broker (not through the outbox), which wait for its confirms:
/// a confirm lost with its channel when the broker restarts is otherwise awaited for good, and the
/// background service that sent it does nothing else meanwhile (docs/reliability.md, "Found by the suite").
/// </summary>
public static class BrokerConfirms
{
    /// <summary>
    /// Runs <paramref name="send"/> with a token that also ends after <paramref name="timeout"/>; a send
    /// that fails once that time is up throws <see cref="TimeoutException"/> naming <paramref name="what"/>.
    /// </summary>
    public static async Task WithinAsync(TimeSpan timeout, string what, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        using var confirmed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        confirmed.CancelAfter(timeout);
        try
        {
            await send(confirmed.Token);
        }
        catch (Exception exception) when (confirmed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The transport may wrap the cancellation (MassTransit's RabbitMqConnectionException does).
            throw new TimeoutException($"The broker did not confirm {what} within {timeout}", exception);
        }
    }
}
