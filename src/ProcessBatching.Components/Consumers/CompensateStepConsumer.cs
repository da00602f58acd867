using MassTransit;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Undoes a completed step (simulated). A compensation has no business-rule answer: a drawn
/// business-rule failure is a permanent one, and every failure ends in a fault.
/// </summary>
public sealed class CompensateStepConsumer(StepSimulator simulator) : IConsumer<CompensateStep>
{
    public async Task Consume(ConsumeContext<CompensateStep> context)
    {
        var command = context.Message;
        var step = $"Compensation of {command.Step}";

        if (await simulator.Run(step, command.Behavior, context.CancellationToken) == StepOutcome.BusinessRuleFailure)
            throw new PermanentStepException($"{step} was refused by a business rule (simulated)");

        await context.RespondAsync(new StepCompensated(command.ProcessId, command.CommandId, command.Step));
    }
}
