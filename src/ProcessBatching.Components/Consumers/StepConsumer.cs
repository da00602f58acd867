using MassTransit;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// A simulated step worker: replies StepCompleted or, for a business-rule failure, StepFailed.
/// Other failures are thrown, for the endpoint's retry policy and then the troubleshooting queue.
/// </summary>
public abstract class StepConsumer<TCommand>(StepSimulator simulator) : IConsumer<TCommand>
    where TCommand : class
{
    public const string BusinessRuleErrorCode = "BUSINESS_RULE_VIOLATION";

    static readonly string Step = typeof(TCommand).Name;

    protected abstract StepWork Describe(TCommand command);

    public async Task Consume(ConsumeContext<TCommand> context)
    {
        var work = Describe(context.Message);
        var outcome = await simulator.Run(Step, work.Behavior, context.CancellationToken);

        if (outcome == StepOutcome.BusinessRuleFailure)
            await context.RespondAsync(new StepFailed(work.ProcessId, work.CommandId, Step, BusinessRuleErrorCode,
                $"{Step} was rejected by a business rule (simulated)"));
        else
            await context.RespondAsync(new StepCompleted(work.ProcessId, work.CommandId, Step, work.ResultPath));
    }
}
