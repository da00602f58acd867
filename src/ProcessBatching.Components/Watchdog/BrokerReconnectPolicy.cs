using System.Reflection;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.RetryPolicies;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProcessBatching.Components.Watchdog;

/// <summary>
/// How soon a receive endpoint tries the broker again after losing it. MassTransit 8.5.12 waits
/// 3 s, then longer up to 30 s (±25 %) between attempts, and never resets the count for the life of
/// the process: from the second broker restart on, every endpoint waits up to 37 s after the broker
/// is back before it consumes again, each on its own clock (measured: 5-28 s after each restart in
/// the fault suite's broker-restart, the watchdog often stepping in first). The policy is fixed in
/// <see cref="RabbitMqHostConfiguration"/>'s constructor with no setting, so before the bus starts
/// this puts in its place one that handles the same exceptions and waits 1 s, then about 3 s, then
/// at most 5 s (±25 %), without a limit.
/// </summary>
public sealed class BrokerReconnectPolicy(IServiceProvider provider, ILogger<BrokerReconnectPolicy> logger) : IBusObserver
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    private static readonly FieldInfo? PolicyField = typeof(RabbitMqHostConfiguration).GetField(
        $"<{nameof(RabbitMqHostConfiguration.ReceiveTransportRetryPolicy)}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Puts the policy in place on <paramref name="host"/>; false (MassTransit's own stays) when the host or the field is not what 8.5.12 has.</summary>
    public static bool Apply(IHostConfiguration host)
    {
        if (host is not RabbitMqHostConfiguration rabbit || PolicyField is null)
        {
            return false;
        }

        var exceptions = new SameExceptionsAs(rabbit.ReceiveTransportRetryPolicy);
        PolicyField.SetValue(rabbit, new ExponentialRetryPolicy(exceptions, int.MaxValue, MinInterval, MaxInterval, TimeSpan.FromSeconds(2)));
        return true;
    }

    public Task PreStart(IBus bus)
    {
        var host = provider.GetRequiredService<IBusInstance>().HostConfiguration;
        if (!Apply(host))
        {
            logger.LogWarning("Could not shorten the broker reconnect interval on {Host}: receive endpoints keep MassTransit's (up to 37 s)", host.GetType().Name);
        }

        return Task.CompletedTask;
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    /// <summary>MassTransit's choice of which connection failures to retry, kept as it is.</summary>
    private sealed class SameExceptionsAs(IRetryPolicy original) : IExceptionFilter
    {
        public bool Match(Exception exception) => original.IsHandled(exception);

        public void Probe(ProbeContext context) => original.Probe(context);
    }
}
