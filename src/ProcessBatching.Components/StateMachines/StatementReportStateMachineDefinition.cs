using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Persistence.Redelivery;

namespace ProcessBatching.Components.StateMachines;

public sealed class StatementReportStateMachineDefinition : SagaDefinition<StatementReportState>
{
    /// <summary>
    /// Messages handled at once: each waits mostly on PostgreSQL round trips and its commit, so several
    /// in flight share the commits' disk flushes; but more than the cores can run only wait, holding
    /// their state long enough to reach gen2. 16 against 32, four runs each on 2 cores: gen2
    /// collections about halved, warm-up CPU per process 10 % lower, the warm figure a little lower
    /// (docs/performance.md, round five). A replica at full CPU has a few messages in flight, not 16.
    /// </summary>
    public const int ConcurrentMessages = 16;

    public StatementReportStateMachineDefinition()
    {
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = ConcurrentMessages * 2;
            endpoint.ConcurrentMessageLimit = ConcurrentMessages;
        });
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<StatementReportState> sagaConfigurator, IRegistrationContext context)
    {
        // A database outage outlasts any in-process retry: the message comes back later through the outbox.
        endpointConfigurator.UseDurableRedelivery(context);

        // Two messages for one process can meet on the same row (a reply and an operator action, or
        // two replicas): the loser of the row lock or of the version check retries in process. The
        // broker has no delayed exchange, so there is no delayed redelivery behind it.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<ProcessDataMissingException>();
            r.Ignore<InvalidProcessRequestException>();
            r.Intervals(10, 50, 100, 250, 500);
        });

        var outbox = context.GetService<IProcessEndpointOutbox>();
        if (outbox is null)
            endpointConfigurator.UseInMemoryOutbox(context);
        else
            outbox.Configure(endpointConfigurator, sagaConfigurator, context);
    }
}
