using MassTransit;

namespace ProcessBatching.Benchmarks.Ceiling;

public sealed class TrivialWorkerDefinition : ConsumerDefinition<TrivialWorker>
{
    public TrivialWorkerDefinition() => EndpointName = TrivialSagaStateMachine.WorkerQueue;
}
