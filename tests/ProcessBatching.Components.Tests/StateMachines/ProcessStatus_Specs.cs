using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_process_states_are_stored_as_statuses
{
    [Theory]
    [InlineData("Pending", "PENDING")]
    [InlineData("InProgress", "IN_PROGRESS")]
    [InlineData("WaitingForReply", "WAITING_FOR_REPLY")]
    [InlineData("WaitingForTsq", "WAITING_FOR_TSQ")]
    [InlineData("Compensating", "COMPENSATING")]
    [InlineData("Completed", "COMPLETED")]
    [InlineData("Compensated", "COMPENSATED")]
    [InlineData("Failed", "FAILED")]
    [InlineData("Canceled", "CANCELED")]
    public void Should_convert_each_state_both_ways(string stateName, string status)
    {
        ProcessStatus.FromStateName(stateName).ShouldBe(status);
        ProcessStatus.ToStateName(status).ShouldBe(stateName);
    }

    [Fact]
    public void Should_have_a_status_for_every_state_of_the_process()
    {
        var states = new StatementReportStateMachine().States.Select(x => x.Name).Except(["Initial", "Final"]).ToList();

        states.Select(ProcessStatus.FromStateName).ShouldBe(ProcessStatus.All, ignoreOrder: true);
        states.Count.ShouldBe(9);
    }

    [Fact]
    public void Should_count_a_process_not_started_yet_as_pending()
    {
        ProcessStatus.FromStateName(null).ShouldBe(ProcessStatus.Pending);
        ProcessStatus.FromStateName("Initial").ShouldBe(ProcessStatus.Pending);
    }

    [Fact]
    public void Should_reject_an_unknown_status()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ProcessStatus.ToStateName("WaitingForReply"));
        Should.Throw<ArgumentOutOfRangeException>(() => ProcessStatus.FromStateName("Final"));
    }

    [Theory]
    [InlineData("COMPLETED", true)]
    [InlineData("COMPENSATED", true)]
    [InlineData("FAILED", true)]
    [InlineData("CANCELED", true)]
    [InlineData("WAITING_FOR_TSQ", false)]
    [InlineData("COMPENSATING", false)]
    public void Should_know_which_statuses_are_final(string status, bool final) =>
        ProcessStatus.IsFinal(status).ShouldBe(final);
}
