using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_process_states_are_stored_as_statuses
{
    // The stored names are the stories' (S089-S094); the state names are the saga's.
    [Theory]
    [InlineData("Pending", "PENDING")]
    [InlineData("InProgress", "IN_PROGRESS")]
    [InlineData("WaitingForReply", "WAITING_FOR_REPLY")]
    [InlineData("InTroubleshootingQueue", "WAITING_FOR_TSQ")]
    [InlineData("Compensating", "COMPENSATING")]
    [InlineData("Completed", "COMPLETED")]
    [InlineData("Compensated", "COMPENSATED")]
    [InlineData("Failed", "FAILED")]
    [InlineData("Canceled", "CANCELED")]
    public void Should_convert_each_state_both_ways(string stateName, string storyName)
    {
        StoryName<ProcessStatus>.Of(ProcessStatusExtensions.FromStateName(stateName)).ShouldBe(storyName);
        StoryName<ProcessStatus>.Parse(storyName).StateName().ShouldBe(stateName);
    }

    [Fact]
    public void Should_have_a_status_for_every_state_of_the_process()
    {
        var states = new StatementReportStateMachine().States.Select(x => x.Name).Except(["Initial", "Final"]).ToList();

        states.Select(ProcessStatusExtensions.FromStateName).ShouldBe(Enum.GetValues<ProcessStatus>(), ignoreOrder: true);
        states.Count.ShouldBe(9);
    }

    [Fact]
    public void Should_count_a_process_not_started_yet_as_pending()
    {
        ProcessStatusExtensions.FromStateName(null).ShouldBe(ProcessStatus.Pending);
        ProcessStatusExtensions.FromStateName("Initial").ShouldBe(ProcessStatus.Pending);
    }

    [Fact]
    public void Should_reject_an_unknown_status()
    {
        StoryName<ProcessStatus>.TryParse("WaitingForReply", out _).ShouldBeFalse("the stored name is WAITING_FOR_REPLY");
        Should.Throw<ArgumentOutOfRangeException>(() => StoryName<ProcessStatus>.Parse("IN_TROUBLESHOOTING_QUEUE"));
        Should.Throw<ArgumentOutOfRangeException>(() => ProcessStatusExtensions.FromStateName("Final"));
    }

    [Theory]
    [InlineData("PENDING", false, false)]
    [InlineData("IN_PROGRESS", false, false)]
    [InlineData("WAITING_FOR_REPLY", false, false)]
    [InlineData("WAITING_FOR_TSQ", false, false)]
    [InlineData("COMPENSATING", false, false)]
    [InlineData("COMPLETED", true, false)]
    [InlineData("COMPENSATED", true, false)]
    [InlineData("FAILED", true, true)]
    [InlineData("CANCELED", true, true)]
    public void Should_know_which_statuses_are_final_and_which_count_as_failed(string storyName, bool final, bool failure)
    {
        var status = StoryName<ProcessStatus>.Parse(storyName);
        status.IsFinal().ShouldBe(final);
        status.IsOpen().ShouldBe(!final);
        status.IsFailure().ShouldBe(failure);
    }
}

public class When_batch_and_command_statuses_are_named
{
    [Fact]
    public void Should_use_the_stories_names()
    {
        StoryName<BatchStatus>.All.ShouldBe(["PENDING", "IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_FAILURES", "CANCELED"]);
        StoryName<CommandStatus>.All.ShouldBe(["PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELED", "IN_TROUBLESHOOTING_QUEUE"]);
        StoryName<BatchType>.All.ShouldBe(["COMMAND", "PROCESS"]);
    }

    [Fact]
    public void Should_keep_a_batch_open_until_it_completes()
    {
        Enum.GetValues<BatchStatus>().Where(status => status.IsOpen()).ShouldBe([BatchStatus.Pending, BatchStatus.InProgress]);
        // A canceled batch is an operator's decision, not a failure of its processes (its failed count says how many failed).
        Enum.GetValues<BatchStatus>().Where(status => status.IsFailure()).ShouldBe([BatchStatus.CompletedWithFailures]);
        Enum.GetValues<BatchStatus>().Where(status => status.IsFinal()).ShouldBe([BatchStatus.Completed, BatchStatus.CompletedWithFailures, BatchStatus.Canceled]);
    }
}
