using MassTransit;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>A saga row with nothing in it but its state: what the repository costs per message.</summary>
public class TrivialSagaState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
}
