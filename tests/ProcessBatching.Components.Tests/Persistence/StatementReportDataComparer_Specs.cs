using ProcessBatching.Components.Persistence.Model;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.Persistence;

/// <summary>
/// EF Core saves the <c>state</c> jsonb only when this comparer says the data changed since it was
/// loaded: every kind of change the state machine makes must count, and a snapshot must not share
/// anything mutable with the data it was taken from.
/// </summary>
public class When_the_process_data_is_compared_for_change_tracking
{
    static StatementReportData Data() => new()
    {
        FromDate = new DateOnly(2026, 3, 1),
        ToDate = new DateOnly(2026, 3, 31),
        AccountList = ["ACC-001", "ACC-002"],
        OutputType = "csv",
        Behavior = ProcessBehavior.None with { Render = StepBehavior.None with { TimeoutPct = 5 } },
        ResultPaths = { [StatementReportSteps.Query] = "/reports/q.json" },
        CurrentCommandId = Guid.NewGuid(),
        CommandAttempt = 2,
        CompletedSteps = [StatementReportSteps.Query],
    };

    public static TheoryData<string> Changes() =>
    [
        "from date", "to date", "account added", "output type", "behavior", "result path added", "result path changed",
        "command id", "command attempt", "step completed", "step compensated", "step retried", "canceled by operator",
        "batch canceled",
    ];

    static void Change(StatementReportData data, string change)
    {
        switch (change)
        {
            case "from date": data.FromDate = data.FromDate.AddDays(1); break;
            case "to date": data.ToDate = data.ToDate.AddDays(1); break;
            case "account added": data.AccountList.Add("ACC-003"); break;
            case "output type": data.OutputType = "pdf"; break;
            case "behavior": data.Behavior = ProcessBehavior.None; break;
            case "result path added": data.ResultPaths[StatementReportSteps.Render] = "/reports/r.pdf"; break;
            case "result path changed": data.ResultPaths[StatementReportSteps.Query] = "/reports/other.json"; break;
            case "command id": data.CurrentCommandId = Guid.NewGuid(); break;
            case "command attempt": data.CommandAttempt++; break;
            case "step completed": data.CompletedSteps.Add(StatementReportSteps.Aggregation); break;
            case "step compensated": data.CompensatedSteps.Add(StatementReportSteps.Query); break;
            case "step retried": data.RetriedSteps.Add(StatementReportSteps.Query); break;
            case "canceled by operator": data.CanceledByOperator = true; break;
            case "batch canceled": data.BatchCanceled = true; break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    [Fact]
    public void Should_know_every_property_of_the_data() => StatementReportDataComparer.Verify();

    [Fact]
    public void Should_see_a_snapshot_as_unchanged()
    {
        var data = Data();

        var snapshot = StatementReportDataComparer.Copy(data);

        StatementReportDataComparer.Same(data, snapshot).ShouldBeTrue();
        ProcessJson.Serialize(snapshot).ShouldBe(ProcessJson.Serialize(data));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Should_see_each_change_made_after_the_snapshot(string change)
    {
        var data = Data();
        var snapshot = StatementReportDataComparer.Copy(data);
        var before = ProcessJson.Serialize(snapshot);

        Change(data, change);

        StatementReportDataComparer.Same(data, snapshot).ShouldBeFalse();
        ProcessJson.Serialize(snapshot).ShouldBe(before); // the snapshot shares nothing mutable
    }
}
