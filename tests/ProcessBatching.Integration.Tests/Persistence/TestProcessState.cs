using MassTransit;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>The test saga's row in <c>persistence_specs.test_process</c>.</summary>
public class TestProcessState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";

    /// <summary>Bit n is set once step n was applied.</summary>
    public int StepsDone { get; set; }

    /// <summary>Every message applied, duplicates included: a lost or doubled message shows here.</summary>
    public int Received { get; set; }
}
