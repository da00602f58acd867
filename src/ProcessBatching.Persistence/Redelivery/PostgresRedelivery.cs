using MassTransit;
using MassTransit.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ProcessBatching.Persistence.Redelivery;

/// <summary>
/// Durable delayed redelivery on the PostgreSQL outbox for endpoints whose messages fail when the
/// database does: MassTransit's redelivery retry filter decides when (the configured intervals,
/// infrastructure failures only, faults held back until the last try), this decides how.
/// Registered in the container; an endpoint opts in with <see cref="DurableRedeliveryExtensions.UseDurableRedelivery"/>.
/// </summary>
public sealed class PostgresRedelivery<TDbContext>(
    IServiceScopeFactory scopes, IOptions<DurableRedeliveryOptions> options, ILogger<PostgresRedelivery<TDbContext>> logger) : IDurableRedelivery
    where TDbContext : DbContext
{
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly ILogger _logger = logger;

    private readonly ResiliencePipeline _whileDatabaseIsDown = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(InfrastructureFailures.Is),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(10),
            MaxRetryAttempts = int.MaxValue,
        })
        .AddTimeout(options.Value.ScheduleTimeout)
        .Build();

    public void Configure(IReceiveEndpointConfigurator endpoint) =>
        _ = new Observer(endpoint, this, retry =>
        {
            retry.Handle<Exception>(InfrastructureFailures.Is);
            retry.Intervals(options.Value.Intervals);
        });

    private sealed class Observer(IConsumePipeConfigurator endpoint, PostgresRedelivery<TDbContext> owner, Action<IRedeliveryConfigurator> configure)
        : ScheduledRedeliveryConfigurationObserver(endpoint, configure)
    {
        protected override IRedeliveryPipeSpecification AddRedeliveryPipeSpecification<TMessage>(IConsumePipeConfigurator configurator)
        {
            var specification = new Specification<TMessage>(owner);
            configurator.AddPipeSpecification(specification);
            return specification;
        }
    }

    private sealed class Specification<TMessage>(PostgresRedelivery<TDbContext> owner) : IPipeSpecification<ConsumeContext<TMessage>>, IRedeliveryPipeSpecification
        where TMessage : class
    {
        public RedeliveryOptions Options { get; set; }

        public void Apply(IPipeBuilder<ConsumeContext<TMessage>> builder) =>
            builder.AddFilter(new PayloadFilter<TMessage>(owner));

        public IEnumerable<ValidationResult> Validate() => [];
    }

    private sealed class PayloadFilter<TMessage>(PostgresRedelivery<TDbContext> owner) : IFilter<ConsumeContext<TMessage>>
        where TMessage : class
    {
        public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
        {
            context.GetOrAddPayload<MessageRedeliveryContext>(() =>
                new PostgresMessageRedeliveryContext<TMessage, TDbContext>(context, owner._scopes, owner._whileDatabaseIsDown, owner._logger));
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("postgresRedelivery");
    }
}

/// <summary>How an endpoint gets durable delayed redelivery; absent where there is no database (harness tests).</summary>
public interface IDurableRedelivery
{
    void Configure(IReceiveEndpointConfigurator endpoint);
}

public static class DurableRedeliveryExtensions
{
    /// <summary>Messages of this endpoint that fail on the infrastructure come back later instead of going to <c>_error</c>.</summary>
    public static void UseDurableRedelivery(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context) =>
        context.GetService<IDurableRedelivery>()?.Configure(endpoint);
}
