using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        await using var provider = await WorkerHarness.Start(new ScriptedRandom());
        var harness = provider.GetRequiredService<ITestHarness>();
        var command = Compensate(StepBehavior.None);

        await harness.Bus.Publish(command);

        (await harness.Published.SelectAsync<StepCompensated>().First()).Context.Message
            .ShouldBe(new StepCompensated(command.ProcessId, command.CommandId, "StatementQuery"));
    }

    [Fact]
    public async Task Should_fault_when_a_business_rule_refuses_it()
    {
        var random = new ScriptedRandom();
        await using var provider = await WorkerHarness.Start(random);
        var harness = provider.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(Compensate(Behaviors.BusinessRule));

        var fault = (await harness.Published.SelectAsync<Fault<CompensateStep>>().First()).Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(PermanentStepException).FullName);
        random.Rolls.ShouldBe(1);
    }
}
