using System.Text.Json.Nodes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_a_process_is_written_as_json
{
    static StatementReportState Process(Guid? batchId) => new()
    {
        CorrelationId = Guid.NewGuid(),
        CurrentState = "WaitingForReply",
        CurrentStep = StatementReportSteps.Aggregation,
        BatchId = batchId,
        CreatedAt = new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 3, 31, 8, 0, 1, TimeSpan.Zero),
        Data = new StatementReportData
        {
            FromDate = new DateOnly(2026, 3, 1),
            ToDate = new DateOnly(2026, 3, 31),
            AccountList = ["ACC-001"],
            OutputType = "csv",
            Behavior = ProcessBehavior.None with { Render = StepBehavior.None with { TimeoutPct = 5, MaxDurationMs = 200 } },
            ResultPaths = { [StatementReportSteps.Query] = "/reports/q.json" },
            CurrentCommandId = Guid.NewGuid(),
            CompletedSteps = [StatementReportSteps.Query],
        },
    };

    [Fact]
    public void Should_round_trip_the_process_data()
    {
        var data = Process(batchId: null).Data;

        var json = ProcessJson.Serialize(data);
        var copy = ProcessJson.Deserialize<StatementReportData>(json);

        ProcessJson.Serialize(copy).ShouldBe(json);
        copy.FromDate.ShouldBe(data.FromDate);
        copy.Behavior.ShouldBe(data.Behavior);
        copy.ResultPaths.ShouldBe(data.ResultPaths);
        copy.CurrentCommandId.ShouldBe(data.CurrentCommandId);
    }

    [Fact]
    public void Should_use_snake_case_names_and_iso_dates()
    {
        var json = JsonNode.Parse(ProcessJson.Serialize(Process(batchId: null).Data))!;

        json["from_date"]!.GetValue<string>().ShouldBe("2026-03-01");
        json["account_list"]!.AsArray().Count.ShouldBe(1);
        json["behavior"]!["render"]!["timeout_pct"]!.GetValue<int>().ShouldBe(5);
        json["result_paths"]![StatementReportSteps.Query]!.GetValue<string>().ShouldBe("/reports/q.json");
    }

    [Fact]
    public void Should_round_trip_a_process_with_its_batch_id()
    {
        var process = Process(batchId: Guid.NewGuid());

        var copy = ProcessJson.Deserialize<StatementReportState>(ProcessJson.Serialize(process));

        copy.BatchId.ShouldBe(process.BatchId);
        copy.CorrelationId.ShouldBe(process.CorrelationId);
        copy.CurrentState.ShouldBe(process.CurrentState);
        copy.Data.CompletedSteps.ShouldBe(process.Data.CompletedSteps);
    }

    [Fact]
    public void Should_keep_a_missing_batch_id_null()
    {
        var json = ProcessJson.Serialize(Process(batchId: null));

        JsonNode.Parse(json)!.AsObject().ContainsKey("batch_id").ShouldBeTrue();
        ProcessJson.Deserialize<StatementReportState>(json).BatchId.ShouldBeNull();
        ProcessJson.Deserialize<StatementReportState>("""{"correlation_id":"00000000-0000-0000-0000-000000000001"}""")
            .BatchId.ShouldBeNull();
    }
}
