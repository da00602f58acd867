using MassTransit;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Consumers;

public class When_a_step_worker_handles_a_command
{
    static readonly Guid ProcessId = Guid.NewGuid();

    static StatementRender Render(StepBehavior behavior) =>
        new(ProcessId, Guid.NewGuid(), "/reports/aggregation.json", "html", behavior);

    [Fact]
    public async Task Should_reply_completed_with_the_result_path()
    {
        await using var workers = await WorkerHarness.Start(new ScriptedRandom());
        var command = Render(StepBehavior.None);

        await workers.Harness.Bus.Publish(command);

        (await workers.FirstPublished<StepCompleted>())
            .ShouldBe(new StepCompleted(ProcessId, command.CommandId, "StatementRender", $"/reports/{ProcessId}/StatementRender.html"));
    }

    [Fact]
    public async Task Should_reply_failed_for_a_business_rule()
    {
        var random = new ScriptedRandom();
        await using var workers = await WorkerHarness.Start(random);
        var command = Render(Behaviors.BusinessRule);
        var commandMessage = NewId.NextGuid();

        await workers.Harness.Bus.Publish(command, x => x.MessageId = commandMessage);

        var reply = await workers.FirstPublished<StepFailed>();
        (reply.CommandId, reply.Step, reply.ErrorCode).ShouldBe((command.CommandId, "StatementRender", "BUSINESS_RULE_VIOLATION"));
        // A business rule is no fault: the command is handled without a fault and without a retry.
        await workers.ShouldHaveHandled(commandMessage);
        random.Rolls.ShouldBe(1);
    }

    [Theory]
    [InlineData(100, 0, typeof(PermanentStepException), 1)]
    [InlineData(0, 100, typeof(TransientStepException), 4)]
    public async Task Should_fault_after_its_retries(int permanentPct, int transientPct, Type exception, int attempts)
    {
        // README: a transient failure is retried in process at 100, 250 and 500 ms (one attempt and
        // three retries); a permanent one goes to the troubleshooting queue without a retry.
        var random = new ScriptedRandom();
        await using var workers = await WorkerHarness.Start(random);

        await workers.Harness.Bus.Publish(Render(StepBehavior.None with { FailPermanentPct = permanentPct, FailTransientPct = transientPct }));

        var fault = await workers.FirstPublished<Fault<StatementRender>>();
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(exception.FullName);
        random.Rolls.ShouldBe(attempts);
    }

    [Fact]
    public async Task Should_listen_on_kebab_case_queues()
    {
        await using var workers = await WorkerHarness.Start(new ScriptedRandom());
        var formatter = workers.EndpointNameFormatter;

        new[]
        {
            formatter.Consumer<StatementQueryConsumer>(), formatter.Consumer<StatementDataAggregationConsumer>(),
            formatter.Consumer<StatementRenderConsumer>(), formatter.Consumer<CompensateStepConsumer>(),
        }.ShouldBe(["statement-query", "statement-data-aggregation", "statement-render", "compensate-step"]);
    }
}
