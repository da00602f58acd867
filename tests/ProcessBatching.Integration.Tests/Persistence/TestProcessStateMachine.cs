using System.Numerics;
using MassTransit;
using Npgsql;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>
/// A small process for the persistence specs: steps arrive in any order, any of them may create
/// the saga, and the last one finishes it and publishes <see cref="TestProcessFinished"/>.
/// </summary>
public class TestProcessStateMachine : MassTransitStateMachine<TestProcessState>
{
    public TestProcessStateMachine()
        : this(insertOnInitial: false)
    {
    }

    protected TestProcessStateMachine(bool insertOnInitial)
    {
        InstanceState(x => x.CurrentState);
        State(() => Running);
        State(() => Finished);

        Event(() => StepCompleted, e =>
        {
            e.CorrelateById(context => context.Message.ProcessId);
            e.InsertOnInitial = insertOnInitial;
        });
        Event(() => StepFailing, e => e.CorrelateById(context => context.Message.ProcessId));
        Event(() => StepInterrupted, e => e.CorrelateById(context => context.Message.ProcessId));

        During(Initial, Running,
            When(StepCompleted)
                .Then(context =>
                {
                    context.Saga.StepsDone |= 1 << context.Message.Step;
                    context.Saga.Received++;
                })
                .IfElse(context => BitOperations.PopCount((uint)context.Saga.StepsDone) == context.Message.StepCount,
                    finished => finished
                        .TransitionTo(Finished)
                        .Publish(context => new TestProcessFinished(context.Saga.CorrelationId, context.Saga.Received)),
                    running => running.TransitionTo(Running)),
            When(StepFailing)
                .Then(context => context.Saga.Received++)
                .Publish(context => new TestStepAnnounced(context.Saga.CorrelationId))
                .Then(_ => throw new InvalidOperationException("The step failed after announcing itself")),
            When(StepInterrupted)
                .Then(context =>
                {
                    context.GetServiceOrCreateInstance<PublishedEvents>().RecordDelivery(context.Saga.CorrelationId);
                    if (context.GetRedeliveryCount() < context.Message.Outages)
                    {
                        throw new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);
                    }

                    context.Saga.Received++;
                })
                .TransitionTo(Running));

        During(Finished,
            Ignore(StepCompleted),
            Ignore(StepFailing),
            Ignore(StepInterrupted));
    }

    public State Running { get; private set; } = null!;
    public State Finished { get; private set; } = null!;

    public Event<TestStepCompleted> StepCompleted { get; private set; } = null!;
    public Event<TestStepFailing> StepFailing { get; private set; } = null!;
    public Event<TestStepInterrupted> StepInterrupted { get; private set; } = null!;
}

/// <summary>The same process with MassTransit's insert-on-initial: the first message inserts the row before the behaviour runs.</summary>
public sealed class InsertingTestProcessStateMachine : TestProcessStateMachine
{
    public InsertingTestProcessStateMachine()
        : base(insertOnInitial: true)
    {
    }
}
