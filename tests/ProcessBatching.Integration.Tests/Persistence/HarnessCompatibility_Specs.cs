using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>The state machine needs none of the PostgreSQL pieces: the test harness runs it on the in-memory repository.</summary>
public sealed class When_the_test_process_runs_in_the_harness
{
    [Fact]
    public async Task Should_finish_with_the_in_memory_repository()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddSagaStateMachine<TestProcessStateMachine, TestProcessState>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(5);
        await harness.Start();
        var processId = Guid.NewGuid();

        await harness.Bus.Publish(new TestStepCompleted(processId, 0, 2));
        await harness.Bus.Publish(new TestStepCompleted(processId, 1, 2));

        var saga = harness.GetSagaStateMachineHarness<TestProcessStateMachine, TestProcessState>();
        (await saga.Exists(processId, machine => machine.Finished)).ShouldNotBeNull();
        (await harness.Published.Any<TestProcessFinished>(x => x.Context.Message.ProcessId == processId)).ShouldBeTrue();
    }
}
