using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        await using var provider = await WorkerHarness.Start(new ScriptedRandom());
        var harness = provider.GetRequiredService<ITestHarness>();
        var command = Render(StepBehavior.None);

        await harness.Bus.Publish(command);

        var reply = (await harness.Published.SelectAsync<StepCompleted>().First()).Context.Message;
        reply.ShouldBe(new StepCompleted(ProcessId, command.CommandId, "StatementRender", $"/reports/{ProcessId}/StatementRender.html"));
    }

    [Fact]
    public async Task Should_reply_failed_for_a_business_rule()
    {
        await using var provider = await WorkerHarness.Start(new ScriptedRandom());
        var harness = provider.GetRequiredService<ITestHarness>();
        var command = Render(Behaviors.BusinessRule);

        await harness.Bus.Publish(command);

        var reply = (await harness.Published.SelectAsync<StepFailed>().First()).Context.Message;
        (reply.CommandId, reply.Step, reply.ErrorCode).ShouldBe((command.CommandId, "StatementRender", "BUSINESS_RULE_VIOLATION"));
        using var shortWait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        (await harness.Published.Any<Fault<StatementRender>>(shortWait.Token)).ShouldBeFalse();
    }

    [Fact]
    public async Task Should_fault_at_once_on_a_permanent_failure()
    {
        var random = new ScriptedRandom();
        await using var provider = await WorkerHarness.Start(random);
        var harness = provider.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(Render(Behaviors.Permanent));

        var fault = (await harness.Published.SelectAsync<Fault<StatementRender>>().First()).Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(PermanentStepException).FullName);
        random.Rolls.ShouldBe(1);
    }

    [Fact]
    public async Task Should_retry_a_transient_failure_before_faulting()
    {
        var random = new ScriptedRandom();
        await using var provider = await WorkerHarness.Start(random);
        var harness = provider.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(Render(Behaviors.Transient));

        var fault = (await harness.Published.SelectAsync<Fault<StatementRender>>().First()).Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(TransientStepException).FullName);
        random.Rolls.ShouldBe(1 + StepConsumerDefinition<StatementRenderConsumer>.RetryIntervals.Length);
    }

    [Fact]
    public async Task Should_listen_on_kebab_case_queues()
    {
        await using var provider = await WorkerHarness.Start(new ScriptedRandom());
        var formatter = provider.GetRequiredService<IEndpointNameFormatter>();

        new[]
        {
            formatter.Consumer<StatementQueryConsumer>(), formatter.Consumer<StatementDataAggregationConsumer>(),
            formatter.Consumer<StatementRenderConsumer>(), formatter.Consumer<CompensateStepConsumer>(),
        }.ShouldBe(["statement-query", "statement-data-aggregation", "statement-render", "compensate-step"]);
    }
}
