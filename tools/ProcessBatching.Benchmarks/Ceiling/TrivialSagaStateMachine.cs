using MassTransit;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>
/// One start message, one command to a worker, one reply: the shape of one StatementReport step
/// with no journal, no status events and no work, so two saga messages per instance.
/// </summary>
public sealed class TrivialSagaStateMachine : MassTransitStateMachine<TrivialSagaState>
{
    public const string WorkerQueue = CeilingBus.EndpointPrefix + "-trivial-worker";

    public TrivialSagaStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, e => e.CorrelateById(context => context.Message.CorrelationId));
        Event(() => Replied, e => e.CorrelateById(context => context.Message.CorrelationId));

        Initially(
            When(Started)
                .ThenAsync(async context =>
                {
                    var worker = await context.GetSendEndpoint(new Uri($"queue:{WorkerQueue}"));
                    await worker.Send(new TrivialWork(context.Saga.CorrelationId),
                        send => send.ResponseAddress = context.ReceiveContext.InputAddress);
                })
                .TransitionTo(Waiting));

        During(Waiting,
            When(Replied).TransitionTo(Done));

        During(Done,
            Ignore(Started),
            Ignore(Replied));
    }

    public State Waiting { get; private set; } = null!;
    public State Done { get; private set; } = null!;

    public Event<TrivialStart> Started { get; private set; } = null!;
    public Event<TrivialReply> Replied { get; private set; } = null!;
}
