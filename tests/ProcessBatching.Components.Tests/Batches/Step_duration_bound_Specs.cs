using Microsoft.Extensions.Options;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Batches;

public class When_a_step_asks_for_longer_than_the_configured_maximum
{
    static ProcessRequestValidator Validator(TimeSpan? maxStepDuration = null) =>
        new(Options.Create(new ProcessBatchOptions { MaxStepDuration = maxStepDuration ?? new ProcessBatchOptions().MaxStepDuration }));

    static StatementReportRequest RenderTaking(int maxDurationMs) =>
        Requests.Statement(Behaviors.Render(StepBehavior.None with { MaxDurationMs = maxDurationMs }));

    [Fact]
    public void Should_allow_a_minute_by_default_and_no_more()
    {
        Validator().ErrorsIn(RenderTaking(60_000)).ShouldBeEmpty();
        Validator().ErrorsIn(RenderTaking(60_001)).Keys.ShouldBe(["behavior.render.max_duration_ms"]);
    }

    [Fact]
    public void Should_follow_the_configured_maximum()
    {
        var validator = Validator(TimeSpan.FromSeconds(5));

        validator.ErrorsIn(RenderTaking(5_000)).ShouldBeEmpty();
        validator.ErrorsIn(RenderTaking(5_001)).Keys.ShouldBe(["behavior.render.max_duration_ms"]);
    }
}
