using MassTransit;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Consumers;

public class When_the_compensation_worker_undoes_a_step
{
    static CompensateStep Compensate(StepBehavior behavior) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "StatementQuery", "/reports/q.json", behavior);

    [Fact]
    public async Task Should_reply_compensated()
    {
        await using var workers = await WorkerHarness.Start(new ScriptedRandom());
        var command = Compensate(StepBehavior.None);

        await workers.Harness.Bus.Publish(command);

        (await workers.FirstPublished<StepCompensated>())
            .ShouldBe(new StepCompensated(command.ProcessId, command.CommandId, "StatementQuery"));
    }

    [Fact]
    public async Task Should_fault_at_once_when_a_business_rule_refuses_it()
    {
        var random = new ScriptedRandom();
        await using var workers = await WorkerHarness.Start(random);

        await workers.Harness.Bus.Publish(Compensate(Behaviors.BusinessRule));

        var fault = await workers.FirstPublished<Fault<CompensateStep>>();
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(PermanentStepException).FullName);
        random.Rolls.ShouldBe(1);
    }
}
