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
        await using var workers = await WorkerHarness.Start(new ScriptedRandom());
        var command = Render(Behaviors.BusinessRule);

        await workers.Harness.Bus.Publish(command);

        var reply = await workers.FirstPublished<StepFailed>();
        (reply.CommandId, reply.Step, reply.ErrorCode).ShouldBe((command.CommandId, "StatementRender", "BUSINESS_RULE_VIOLATION"));
        using var shortWait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        (await workers.Harness.Published.Any<Fault<StatementRender>>(shortWait.Token)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(100, 0, typeof(PermanentStepException), 1)]
    [InlineData(0, 100, typeof(TransientStepException), 4)]
    public async Task Should_fault_after_its_retries(int permanentPct, int transientPct, Type exception, int attempts)
    {
        // A permanent failure skips the retries; a transient one uses them all.
        StepConsumerDefinition<StatementRenderConsumer>.RetryIntervals.Length.ShouldBe(3);
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
